package pipeline

import (
	"errors"
	"strings"

	"github.com/htsgd/htsgd/scenario"
)

// rdKeys maps the keys that package mc's R^d validation errors start with
// (mc.SystemRd.Validate, FirstExitRd.Validate, TrajectoryRd.Validate) to
// the dotted scenario keys they come from.
var rdKeys = map[string]string{
	"max_steps":     "run.max_steps",
	"start_x":       "sgd.start_x",
	"eta":           "sgd.eta",
	"b":             "sgd.b",
	"domain_radius": "landscape.domain_radius",
	"dimension":     "landscape.dimension",
	"landscape":     "landscape",
	"noise":         "noise",
	"radius":        "dynamics.radius",
	"steps":         "dynamics.steps",
}

// rdFieldError turns an error of package mc's R^d validation ("key: msg")
// into a *scenario.FieldError naming the scenario key, so that the CLI
// reports it as bad input. Other errors are returned unchanged.
func rdFieldError(err error) error {
	if err == nil {
		return nil
	}
	var fe *scenario.FieldError
	if errors.As(err, &fe) {
		return err
	}
	key, msg, ok := strings.Cut(err.Error(), ": ")
	if field, known := rdKeys[key]; ok && known {
		return &scenario.FieldError{Field: field, Msg: msg}
	}
	return err
}
