#!/bin/sh
# Installs versitygw, the S3-protocol server the internal/deploy tests run
# against (posix backend, on loopback), into $(go env GOPATH)/bin.
# Skips the build when that version is already there.
set -eu

VERSION="${VERSITYGW_VERSION:-v1.7.0}"
BIN="$(go env GOPATH | cut -d: -f1)/bin/versitygw"

if [ -x "$BIN" ] && go version -m "$BIN" 2>/dev/null | grep -q "mod[[:space:]]*github.com/versity/versitygw[[:space:]]*$VERSION[[:space:]]"; then
	echo "versitygw $VERSION already installed at $BIN"
	exit 0
fi

go install "github.com/versity/versitygw/cmd/versitygw@$VERSION"
echo "installed versitygw $VERSION at $BIN"
