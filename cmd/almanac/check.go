package main

import (
	"errors"
	"io"
)

func runCheck(args []string, stdout, stderr io.Writer) error {
	return errors.New("check is not available yet")
}
