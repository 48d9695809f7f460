package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/itchyny/gojq"
	"github.com/spf13/cobra"
)

// jqFilter is --jq: a jq expression, run by gojq (what gh uses) on a
// command's JSON output. The command writes its JSON as usual, into a
// buffer; the filter's results are what reaches stdout: a string as its
// text, anything else as indented JSON, one result after another.
type jqFilter struct {
	expr string
	code *gojq.Code
	out  io.Writer    // the real stdout
	buf  bytes.Buffer // the command's JSON
}

// addJQ registers --jq on a command with JSON output.
func addJQ(e *env, cmd *cobra.Command) {
	cmd.Flags().StringVar(&e.jq.expr, "jq", "", "filter the JSON output with a jq `EXPR`ession, e.g. '.[].id' (implies -o json)")
	_ = cmd.RegisterFlagCompletionFunc("jq", cobra.NoFileCompletions)
}

// start compiles the expression and sends the command's output to the
// buffer. -o may be left out (--jq implies json) or be json.
func (f *jqFilter) start(e *env) error {
	if f.expr == "" {
		return nil
	}
	switch e.output {
	case "":
		e.output = "json"
	case "json":
	default:
		return usagef("--jq filters JSON: leave out -o %s (or give -o json)", e.output)
	}
	q, err := gojq.Parse(f.expr)
	if err != nil {
		return usagef("--jq %q: %s", f.expr, jqError(err))
	}
	code, err := gojq.Compile(q)
	if err != nil {
		return usagef("--jq %q: %s", f.expr, jqError(err))
	}
	f.code, f.out = code, e.stdout
	e.stdout = &f.buf
	return nil
}

// finish runs the filter on what the command wrote. It is run whatever
// the command's outcome, so that `check --jq` with findings still prints
// them (and exits 1); a command that failed before writing wrote nothing.
func (f *jqFilter) finish() error {
	if f.code == nil || f.buf.Len() == 0 {
		return nil
	}
	dec := json.NewDecoder(&f.buf)
	dec.UseNumber()
	var input any
	if err := dec.Decode(&input); err != nil {
		return fmt.Errorf("--jq: the command's output is not JSON: %w", err)
	}
	input = jqValue(input)
	enc := json.NewEncoder(f.out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	iter := f.code.Run(input)
	for {
		v, ok := iter.Next()
		if !ok {
			return nil
		}
		if err, isErr := v.(error); isErr {
			var halt *gojq.HaltError
			if errors.As(err, &halt) && halt.Value() == nil {
				return nil
			}
			return usagef("--jq %q: %s", f.expr, jqError(err))
		}
		if s, isString := v.(string); isString {
			if _, err := io.WriteString(f.out, s+"\n"); err != nil {
				return err
			}
			continue
		}
		if err := enc.Encode(v); err != nil {
			return err
		}
	}
}

// jqValue turns decoded JSON into the values gojq works on: numbers as
// int, *big.Int or float64.
func jqValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jqValue(e)
		}
	case []any:
		for i, e := range x {
			x[i] = jqValue(e)
		}
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		if b, ok := new(big.Int).SetString(string(x), 10); ok {
			return b
		}
		f, _ := x.Float64()
		return f
	}
	return v
}

// jqError is gojq's message, on one line.
func jqError(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
