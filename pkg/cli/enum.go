package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// enumValue is a flag whose values come from a fixed list: --band,
// --tier, --status, --action, --kind, --sort, --fail-on. A value not on
// the list is refused as the flag is parsed (exit 2), naming the valid
// ones and the nearest ("did you mean"), and the list is what the shell
// completes. A multi-valued flag takes repeats and comma-separated lists.
type enumValue struct {
	allowed []string
	single  *string   // a flag with one value
	multi   *[]string // a flag that takes several
	changed bool      // a multi-valued flag's default is replaced, not added to
}

// enumVar registers a one-value flag whose value is one of allowed.
func enumVar(cmd *cobra.Command, p *string, name, def string, allowed []string, usage string) {
	*p = def
	cmd.Flags().Var(&enumValue{allowed: allowed, single: p}, name, usage)
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(allowed, cobra.ShellCompDirectiveNoFileComp))
}

// enumSliceVar registers a flag that takes one or more of allowed.
func enumSliceVar(cmd *cobra.Command, p *[]string, name string, def, allowed []string, usage string) {
	*p = slices.Clone(def)
	cmd.Flags().Var(&enumValue{allowed: allowed, multi: p}, name, usage)
	_ = cmd.RegisterFlagCompletionFunc(name, completeList(allowed))
}

// completeList completes a comma-separated list of allowed values: after
// "healthy," it offers "healthy,watch" and the others not yet listed.
func completeList(allowed []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		given, last := "", toComplete
		if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
			given, last = toComplete[:i+1], toComplete[i+1:]
		}
		listed := strings.Split(given, ",")
		var out []string
		for _, a := range allowed {
			if strings.HasPrefix(a, last) && !slices.Contains(listed, a) {
				out = append(out, given+a)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func (v *enumValue) Set(s string) error {
	values := []string{s}
	if v.multi != nil {
		values = strings.Split(s, ",")
	}
	for i, x := range values {
		values[i] = strings.TrimSpace(x)
		if err := oneOf(values[i], v.allowed); err != nil {
			return err
		}
	}
	if v.single != nil {
		*v.single = values[0]
		return nil
	}
	if !v.changed {
		*v.multi = nil
		v.changed = true
	}
	*v.multi = append(*v.multi, values...)
	return nil
}

func (v *enumValue) String() string {
	if v.single != nil {
		return *v.single
	}
	if v.multi == nil {
		return ""
	}
	return strings.Join(*v.multi, ",")
}

func (v *enumValue) Type() string {
	if v.single != nil {
		return "string"
	}
	return "strings"
}

// valueError is a flag value that is not one of the valid ones; the
// flag's name is added where the error is reported (flagError).
type valueError struct {
	value   string
	allowed []string
}

func (e *valueError) Error() string {
	if len(e.allowed) == 0 {
		return "there is nothing to choose from"
	}
	msg := "use one of " + strings.Join(e.allowed, ", ")
	if near := suggest(e.value, e.allowed); len(near) > 0 {
		msg = "did you mean " + quote(near) + "? " + strings.ToUpper(msg[:1]) + msg[1:]
	}
	return msg
}

// oneOf is nil when value is one of allowed, else a valueError.
func oneOf(value string, allowed []string) error {
	if slices.Contains(allowed, value) {
		return nil
	}
	return &valueError{value: value, allowed: allowed}
}

// checkValues checks a flag's values against a list known only once the
// book is read (--owner, against the team): the same message as an
// enumerated flag's.
func checkValues(flag string, values, allowed []string) error {
	for _, v := range values {
		if err := oneOf(v, allowed); err != nil {
			return usagef("%s %q: %v", flag, v, err)
		}
	}
	return nil
}

// flagError turns pflag's errors into clientbook's usage errors: the
// flag, the value and what to give instead, without Go's parse errors
// (strconv.ParseInt: ...); an unknown flag with the nearest of cmd's.
func flagError(cmd *cobra.Command, err error) error {
	help := fmt.Sprintf("see %s --help", cmd.CommandPath())
	var ne *pflag.NotExistError
	if errors.As(err, &ne) {
		name := ne.GetSpecifiedName()
		if name == "" {
			return usagef("%s (%s)", err, help)
		}
		var names []string
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				names = append(names, f.Name)
			}
		})
		if strings.Contains(err.Error(), "shorthand") {
			return usagef("unknown flag -%s (%s)", name, help)
		}
		msg := fmt.Sprintf("unknown flag --%s", name)
		if near := suggest(name, names); len(near) > 0 {
			for i, n := range near {
				near[i] = "--" + n
			}
			msg += ": did you mean " + quote(near) + "?"
		}
		return usagef("%s (%s)", msg, help)
	}
	var vr *pflag.ValueRequiredError
	if errors.As(err, &vr) {
		return usagef("--%s needs a value (%s)", vr.GetFlag().Name, help)
	}
	var iv *pflag.InvalidValueError
	if !errors.As(err, &iv) {
		return &usageError{msg: err.Error()}
	}
	f := iv.GetFlag()
	name := "--" + f.Name
	var ve *valueError
	if errors.As(err, &ve) {
		return usagef("%s %q: %v", name, ve.value, ve)
	}
	want := map[string]string{
		"int": "a whole number", "int64": "a whole number", "uint": "a whole number 0 or more",
		"bool": "true or false", "float64": "a number", "duration": "a duration such as 30s or 5m",
	}[f.Value.Type()]
	if want == "" {
		want = "a " + f.Value.Type()
	}
	return usagef("%s %q: give %s", name, iv.GetValue(), want)
}

// suggest lists the values of allowed nearest to s: those it starts or
// that start it, else those within a third of its length in edits (one at least).
func suggest(s string, allowed []string) []string {
	if s == "" {
		return nil
	}
	var out []string
	lower := strings.ToLower(s)
	for _, a := range allowed {
		if strings.HasPrefix(a, lower) || strings.HasPrefix(lower, a) {
			out = append(out, a)
		}
	}
	if len(out) > 0 {
		return out
	}
	best := max(1, (len(s)+1)/3)
	for _, a := range allowed {
		d := editDistance(lower, a)
		switch {
		case d < best:
			best, out = d, []string{a}
		case d == best:
			out = append(out, a)
		}
	}
	if len(out) > 3 {
		return nil // nothing stands out
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, by bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// quote lists values as a sentence does: "a", "a or b", "a, b or c".
func quote(values []string) string {
	if len(values) <= 1 {
		return strings.Join(values, "")
	}
	return fmt.Sprintf("%s or %s", strings.Join(values[:len(values)-1], ", "), values[len(values)-1])
}
