package main

import (
	"errors"
	"io"
)

func runDeploy(args []string, stdout, stderr io.Writer) error {
	return errors.New("deploy is not available yet")
}
