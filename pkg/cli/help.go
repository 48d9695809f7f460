package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// wrapArgs makes cobra's argument errors usage errors (exit 2) that say
// what the command takes and where its help is.
func wrapArgs(c *cobra.Command) {
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
	if c.Args == nil {
		return
	}
	check := c.Args
	c.Args = func(cmd *cobra.Command, args []string) error {
		err := check(cmd, args)
		if err == nil {
			return nil
		}
		help := fmt.Sprintf("see %s --help", cmd.CommandPath())
		if cmd.HasAvailableSubCommands() && len(args) > 0 {
			// `new clinet`: a kind that is not one, with the nearest.
			var kinds []string
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() {
					kinds = append(kinds, sub.Name())
				}
			}
			where := ""
			if cmd.HasParent() {
				where = cmd.CommandPath() + ": "
			}
			return usagef("%sunknown command \"%s\": %v (%s)", where, args[0], &valueError{value: args[0], allowed: kinds}, help)
		}
		usage := cmd.UseLine()
		if cmd.HasAvailableFlags() {
			usage = strings.TrimSuffix(usage, " [flags]")
		}
		return usagef("%s: %s; usage: %s (%s)", cmd.CommandPath(), argsProblem(err), usage, help)
	}
}

// argsProblem says in words what cobra's argument count error means.
func argsProblem(err error) string {
	msg := err.Error()
	var want, got int
	if n, _ := fmt.Sscanf(msg, "accepts %d arg(s), received %d", &want, &got); n == 2 {
		if got < want {
			return fmt.Sprintf("%d argument(s) missing", want-got)
		}
		return fmt.Sprintf("%d argument(s) too many", got-want)
	}
	if n, _ := fmt.Sscanf(msg, "requires at least %d arg(s), only received %d", &want, &got); n == 2 {
		return fmt.Sprintf("%d argument(s) missing", want-got)
	}
	if n, _ := fmt.Sscanf(msg, "accepts at most %d arg(s), received %d", &want, &got); n == 2 {
		return fmt.Sprintf("%d argument(s) too many", got-want)
	}
	var low, high int
	if n, _ := fmt.Sscanf(msg, "accepts between %d and %d arg(s), received %d", &low, &high, &got); n == 3 {
		if got < low {
			return fmt.Sprintf("%d argument(s) missing", low-got)
		}
		return fmt.Sprintf("%d argument(s) too many", got-high)
	}
	if strings.HasPrefix(msg, "unknown command") {
		return "takes no arguments"
	}
	return msg
}

// newHelpCmd is `help [COMMAND]`: help on a command that does not exist
// is a usage error (exit 2) naming the nearest, not the root's help.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "Help about any command",
		Long:  "help shows the help of a command: clientbook help portfolio is clientbook portfolio --help.",
		ValidArgsFunction: func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			cmd, _, err := root.Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []string
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), prefix) {
					names = append(names, sub.Name())
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 || cmd == nil {
				parent := root
				if cmd != nil {
					parent = cmd
				}
				var names []string
				for _, sub := range parent.Commands() {
					if sub.IsAvailableCommand() {
						names = append(names, sub.Name())
					}
				}
				topic := strings.Join(args, " ")
				if len(rest) > 0 {
					topic = rest[0]
				}
				return usagef("no help for %q: %v", topic, &valueError{value: topic, allowed: names})
			}
			cmd.InitDefaultHelpFlag()
			return cmd.Help()
		},
	}
}
