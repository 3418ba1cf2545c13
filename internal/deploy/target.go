package deploy

import (
	"fmt"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// DefaultEndpoint is used when a target names no endpoint: Amazon S3.
const DefaultEndpoint = "s3.amazonaws.com"

// Target is where a site is published: a bucket, a key prefix in it, and the
// S3-compatible server that holds it.
//
// It is written as a URL, in site.toml [deploy] or with --target:
//
//	s3://BUCKET/PREFIX?endpoint=https://oss-cn-hangzhou.aliyuncs.com&region=oss-cn-hangzhou
//	s3://BUCKET?endpoint=http://127.0.0.1:9000&region=us-east-1&path-style=true
//
// Credentials never belong in a target; they come from the environment.
type Target struct {
	Bucket    string
	Prefix    string // "" or ends with "/": "site/" for s3://bucket/site
	Endpoint  string // host[:port], without scheme
	Region    string // "" lets the client ask the server
	PathStyle bool   // https://endpoint/bucket/key instead of https://bucket.endpoint/key
	Secure    bool   // https (the default) rather than http
}

// targetKeys are the query parameters a target URL may carry.
var targetKeys = []string{"endpoint", "path-style", "region"}

// ParseTarget reads a target URL. Errors say what is wrong with it in one line.
func ParseTarget(raw string) (Target, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return Target{}, fmt.Errorf("deploy target is empty: set target in the [deploy] table of site.toml or pass --target s3://BUCKET/PREFIX")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse quotes the input; it may hold a secret pasted by mistake, so say less.
		return Target{}, fmt.Errorf("deploy target is not a valid URL; write it as s3://BUCKET/PREFIX?endpoint=https://HOST")
	}
	if u.User != nil {
		return Target{}, fmt.Errorf("deploy target must not contain credentials (the part before @); remove them and set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment instead")
	}
	if u.Scheme == "" {
		return Target{}, fmt.Errorf("deploy target has no scheme; write it as s3://BUCKET/PREFIX")
	}
	if !strings.EqualFold(u.Scheme, "s3") {
		return Target{}, fmt.Errorf("deploy target: only s3:// targets are supported, not %s://", u.Scheme)
	}
	if u.Opaque != "" {
		return Target{}, fmt.Errorf("deploy target: write two slashes after the scheme, s3://BUCKET/PREFIX")
	}
	if u.Fragment != "" || strings.Contains(raw, "#") {
		return Target{}, fmt.Errorf("deploy target must not contain '#'")
	}
	t := Target{Bucket: u.Host, Endpoint: DefaultEndpoint, Secure: true}
	if err := checkBucket(t.Bucket); err != nil {
		return Target{}, fmt.Errorf("deploy target: %v", err)
	}
	if t.Prefix, err = cleanPrefix(u.Path); err != nil {
		return Target{}, fmt.Errorf("deploy target: %v", err)
	}

	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return Target{}, fmt.Errorf("deploy target: malformed query after '?': %v", err)
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vs := q[k]
		if len(vs) > 1 {
			return Target{}, fmt.Errorf("deploy target: %s is given %d times", k, len(vs))
		}
		v := vs[0]
		switch k {
		case "endpoint":
			if t.Endpoint, t.Secure, err = parseEndpoint(v); err != nil {
				return Target{}, fmt.Errorf("deploy target: endpoint %v", err)
			}
		case "region":
			if !validRegion(v) {
				return Target{}, fmt.Errorf("deploy target: region %q should be lowercase letters, digits and hyphens, like us-east-1 or oss-cn-hangzhou", v)
			}
			t.Region = v
		case "path-style":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return Target{}, fmt.Errorf("deploy target: path-style must be true or false, not %q", v)
			}
			t.PathStyle = b
		default:
			return Target{}, fmt.Errorf("deploy target: unknown parameter %q (known: %s)", k, strings.Join(targetKeys, ", "))
		}
	}
	return t, nil
}

// String writes the target back as a URL that ParseTarget reads.
func (t Target) String() string {
	var b strings.Builder
	b.WriteString("s3://")
	b.WriteString(t.Bucket)
	b.WriteString("/")
	b.WriteString(t.Prefix)
	var q []string
	if t.Endpoint != "" && (t.Endpoint != DefaultEndpoint || !t.Secure) {
		q = append(q, "endpoint="+t.EndpointURL())
	}
	if t.Region != "" {
		q = append(q, "region="+t.Region)
	}
	if t.PathStyle {
		q = append(q, "path-style=true")
	}
	if len(q) > 0 {
		b.WriteString("?")
		b.WriteString(strings.Join(q, "&"))
	}
	return b.String()
}

// EndpointURL is the endpoint with its scheme: https://s3.amazonaws.com.
func (t Target) EndpointURL() string {
	ep := t.Endpoint
	if ep == "" {
		ep = DefaultEndpoint
	}
	if t.Secure {
		return "https://" + ep
	}
	return "http://" + ep
}

// validate checks a Target built by hand rather than by ParseTarget.
func (t Target) validate() error {
	if t.Bucket == "" {
		return fmt.Errorf("deploy: no target bucket: set target in the [deploy] table of site.toml or pass --target s3://BUCKET/PREFIX")
	}
	if err := checkBucket(t.Bucket); err != nil {
		return fmt.Errorf("deploy: %v", err)
	}
	if t.Prefix != "" && !strings.HasSuffix(t.Prefix, "/") {
		return fmt.Errorf("deploy: target prefix %q must end with '/'", t.Prefix)
	}
	if _, err := cleanPrefix(t.Prefix); err != nil {
		return fmt.Errorf("deploy: target %v", err)
	}
	if strings.Contains(t.Endpoint, "/") {
		return fmt.Errorf("deploy: target endpoint %q must be host[:port] without scheme or path", t.Endpoint)
	}
	return nil
}

// checkBucket applies the naming rules S3, OSS and COS share: 3 to 63
// lowercase letters, digits, hyphens and dots, starting and ending with a
// letter or digit.
func checkBucket(b string) error {
	switch {
	case b == "":
		return fmt.Errorf("no bucket name; write it as s3://BUCKET/PREFIX")
	case strings.Contains(b, ":"):
		return fmt.Errorf("bucket %q must not have a port; put the server in ?endpoint=http://HOST:PORT", b)
	case len(b) < 3 || len(b) > 63:
		return fmt.Errorf("bucket name %q must be 3 to 63 characters long", b)
	case b != strings.ToLower(b):
		return fmt.Errorf("bucket name %q must be lowercase", b)
	case strings.Contains(b, ".."):
		return fmt.Errorf("bucket name %q must not contain '..'", b)
	case net.ParseIP(b) != nil:
		return fmt.Errorf("bucket name %q looks like an IP address; put the server in ?endpoint=http://%s and the bucket after s3://", b, b)
	}
	for i, r := range b {
		alnum := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		if (i == 0 || i == len(b)-1) && !alnum {
			return fmt.Errorf("bucket name %q must start and end with a letter or digit", b)
		}
		if !alnum && r != '-' && r != '.' {
			return fmt.Errorf("bucket name %q may only hold lowercase letters, digits, '-' and '.', not %q", b, r)
		}
	}
	return nil
}

// cleanPrefix turns the URL path into a key prefix: "/a/b" and "/a/b/" give "a/b/", "" and "/" give "".
func cleanPrefix(p string) (string, error) {
	p = strings.Trim(p, "/")
	if p == "" {
		return "", nil
	}
	for _, seg := range strings.Split(p, "/") {
		switch seg {
		case "":
			return "", fmt.Errorf("prefix %q has an empty folder ('//')", p)
		case ".", "..":
			return "", fmt.Errorf("prefix %q must not contain '.' or '..' folders", p)
		}
		if strings.ContainsAny(seg, "\\\x00") || strings.ContainsFunc(seg, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return "", fmt.Errorf("prefix %q has a backslash or control character", p)
		}
	}
	return p + "/", nil
}

// parseEndpoint reads "http://host:port", "https://host" or a bare "host[:port]" (https).
func parseEndpoint(v string) (hostport string, secure bool, err error) {
	if v == "" {
		return "", false, fmt.Errorf("is empty; write it as endpoint=https://HOST or endpoint=http://HOST:PORT")
	}
	secure = true
	if strings.Contains(v, "://") {
		u, err := url.Parse(v)
		if err != nil {
			return "", false, fmt.Errorf("%q is not a valid URL", v)
		}
		switch strings.ToLower(u.Scheme) {
		case "https":
		case "http":
			secure = false
		default:
			return "", false, fmt.Errorf("%q must start with http:// or https://", v)
		}
		if u.User != nil {
			return "", false, fmt.Errorf("must not contain credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment instead")
		}
		if u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.Fragment != "" {
			return "", false, fmt.Errorf("%q must be just scheme://host[:port], without a path", v)
		}
		v = u.Host
	}
	if v == "" || strings.ContainsAny(v, "/?#@ ") {
		return "", false, fmt.Errorf("%q must be scheme://host[:port]", v)
	}
	host := v
	if h, port, err := net.SplitHostPort(v); err == nil {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return "", false, fmt.Errorf("%q has a bad port", v)
		}
		host = h
	}
	if host == "" {
		return "", false, fmt.Errorf("%q has no host", v)
	}
	return v, secure, nil
}

func validRegion(r string) bool {
	if r == "" {
		return false
	}
	for _, c := range r {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
