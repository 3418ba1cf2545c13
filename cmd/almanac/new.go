package main

import (
	"errors"
	"io"
)

func runNew(args []string, stdout, stderr io.Writer) error {
	return errors.New("new is not available yet")
}
