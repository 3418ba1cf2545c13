package deploy

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/minio/minio-go/v7"
)

// Error is a failed deploy explained in one line: what went wrong and what
// to check. It never holds a secret key or session token.
type Error struct {
	Msg string
	Err error // the underlying error, for errors.Is/As
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Environment variables credentials are read from.
const (
	EnvAccessKey    = "AWS_ACCESS_KEY_ID"
	EnvSecretKey    = "AWS_SECRET_ACCESS_KEY"
	EnvSessionToken = "AWS_SESSION_TOKEN"
)

type creds struct{ access, secret, token string }

// credsFromEnv reads credentials from the environment, and only from there.
func credsFromEnv() (creds, error) {
	c := creds{
		access: strings.TrimSpace(os.Getenv(EnvAccessKey)),
		secret: strings.TrimSpace(os.Getenv(EnvSecretKey)),
		token:  strings.TrimSpace(os.Getenv(EnvSessionToken)),
	}
	var missing []string
	if c.access == "" {
		missing = append(missing, EnvAccessKey)
	}
	if c.secret == "" {
		missing = append(missing, EnvSecretKey)
	}
	switch len(missing) {
	case 1:
		return c, &Error{Msg: fmt.Sprintf("deploy: no credentials: set %s in the environment (and %s for temporary credentials)",
			missing[0], EnvSessionToken)}
	case 2:
		return c, &Error{Msg: fmt.Sprintf("deploy: no credentials: set %s and %s in the environment (and %s for temporary credentials)",
			missing[0], missing[1], EnvSessionToken)}
	}
	return c, nil
}

// redactor removes secrets from text before it reaches the user.
type redactor []string

func (r redactor) clean(s string) string {
	for _, secret := range r {
		if len(secret) >= 4 {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return s
}

// explain turns an error from the S3 client into one line that says what to check.
// op is what was being done ("listing", "uploading"), key the object if any.
func (d *deployer) explain(op, key string, err error) error {
	if err == nil {
		return nil
	}
	var de *Error
	if errors.As(err, &de) {
		return de
	}
	t := d.opt.Target
	ep := t.EndpointURL()
	where := fmt.Sprintf("bucket %q at %s", t.Bucket, ep)
	if key != "" {
		where = fmt.Sprintf("%s (object %s)", where, key)
	}
	var msg string
	switch {
	case errors.Is(err, context.Canceled):
		msg = "deploy interrupted; run it again to finish: objects already uploaded are kept and not sent twice"
	case errors.Is(err, context.DeadlineExceeded):
		msg = fmt.Sprintf("deploy timed out %s %s; run it again to finish", op, where)
	default:
		msg = d.explainS3(op, where, err)
		if msg == "" {
			msg = explainNet(op, where, err, t)
		}
		if msg == "" {
			msg = fmt.Sprintf("%s %s failed: %v", op, where, err)
		}
	}
	msg = "deploy: " + d.secrets.clean(oneLine(msg))
	return &Error{Msg: msg, Err: err}
}

func (d *deployer) explainS3(op, where string, err error) string {
	var er minio.ErrorResponse
	if !errors.As(err, &er) || er.Code == "" {
		return ""
	}
	t := d.opt.Target
	switch er.Code {
	case "NoSuchBucket":
		return fmt.Sprintf("bucket %q does not exist at %s; check the bucket name in the deploy target (and the endpoint and region)", t.Bucket, t.EndpointURL())
	case "InvalidAccessKeyId", "InvalidAccessKeyID", "XAdminUserNotFound", "InvalidClientTokenId":
		return fmt.Sprintf("the access key in %s is not known to %s; check %s (and that the endpoint is the right service)", EnvAccessKey, t.EndpointURL(), EnvAccessKey)
	case "SignatureDoesNotMatch":
		return fmt.Sprintf("%s rejected the request signature; check %s (it does not match the access key)", t.EndpointURL(), EnvSecretKey)
	case "AccessDenied", "AllAccessDisabled", "AccountProblem":
		return fmt.Sprintf("access denied %s %s; check %s and %s, and that these credentials may list, upload to and delete from the bucket", op, where, EnvAccessKey, EnvSecretKey)
	case "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "InvalidSecurity":
		return fmt.Sprintf("%s rejected the session token; refresh %s, or unset it when using long-term keys", t.EndpointURL(), EnvSessionToken)
	case "AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException", "InvalidRegion", "AuthorizationQueryParametersError":
		if er.Region != "" {
			return fmt.Sprintf("bucket %q is in region %s, not the one used; set region=%s in the deploy target", t.Bucket, er.Region, er.Region)
		}
		return fmt.Sprintf("%s answered %s for bucket %q; check region= and endpoint= in the deploy target", t.EndpointURL(), er.Code, t.Bucket)
	case "RequestTimeTooSkewed":
		return fmt.Sprintf("%s says this computer's clock is wrong; set the system time and try again", t.EndpointURL())
	case "SlowDown", "ServiceUnavailable", "InternalError":
		return fmt.Sprintf("%s is overloaded or failing (%s) %s %s; wait and run the deploy again", t.EndpointURL(), er.Code, op, where)
	case "EntityTooLarge":
		return fmt.Sprintf("%s %s: the object is too large for the server", op, where)
	}
	m := er.Message
	if m == "" {
		m = er.Code
	}
	return fmt.Sprintf("%s %s failed: %s (%s)", op, where, m, er.Code)
}

func explainNet(op, where string, err error, t Target) string {
	ep := t.EndpointURL()
	var dnsErr *net.DNSError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var certInvalid x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	switch {
	case errors.As(err, &dnsErr):
		// Whole sentences, so that each is translated as one.
		hint := "check endpoint= in the deploy target"
		if !t.PathStyle && strings.HasPrefix(dnsErr.Name, t.Bucket+".") {
			hint = "check endpoint= in the deploy target; servers that do not give each bucket its own host name need path-style=true"
		}
		return fmt.Sprintf("cannot find host %s (DNS lookup failed); %s", dnsErr.Name, hint)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Sprintf("cannot connect to %s: connection refused; check the host and port in endpoint= of the deploy target, and that the server is running", ep)
	case errors.Is(err, syscall.ECONNRESET):
		return fmt.Sprintf("%s closed the connection %s %s; check http:// or https:// in endpoint=, then run again", ep, op, where)
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return fmt.Sprintf("cannot reach %s: no route to host; check endpoint= and the network", ep)
	case errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &certInvalid):
		return fmt.Sprintf("the TLS certificate of %s is not trusted (%v); check the host in endpoint=", ep, err)
	case errors.As(err, &recordErr), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return fmt.Sprintf("%s does not speak https; write endpoint=http://… in the deploy target", ep)
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Sprintf("timed out talking to %s %s %s; check endpoint= and the network, then run again", ep, op, where)
	}
	return ""
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return s
}
