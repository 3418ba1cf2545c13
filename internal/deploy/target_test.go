package deploy

import (
	"strings"
	"testing"
)

func TestParseTarget(t *testing.T) {
	ok := []struct {
		raw  string
		want Target
	}{
		{"s3://site-bucket", Target{Bucket: "site-bucket", Endpoint: DefaultEndpoint, Secure: true}},
		{"s3://site-bucket/", Target{Bucket: "site-bucket", Endpoint: DefaultEndpoint, Secure: true}},
		{"s3://site-bucket/report", Target{Bucket: "site-bucket", Prefix: "report/", Endpoint: DefaultEndpoint, Secure: true}},
		{"s3://site-bucket/a/b/", Target{Bucket: "site-bucket", Prefix: "a/b/", Endpoint: DefaultEndpoint, Secure: true}},
		{"  s3://site-bucket/a  ", Target{Bucket: "site-bucket", Prefix: "a/", Endpoint: DefaultEndpoint, Secure: true}},
		{"s3://site/pre?endpoint=http://127.0.0.1:9000&region=us-east-1&path-style=true",
			Target{Bucket: "site", Prefix: "pre/", Endpoint: "127.0.0.1:9000", Region: "us-east-1", PathStyle: true}},
		{"s3://xm-report?endpoint=https://oss-cn-hangzhou.aliyuncs.com&region=oss-cn-hangzhou",
			Target{Bucket: "xm-report", Endpoint: "oss-cn-hangzhou.aliyuncs.com", Region: "oss-cn-hangzhou", Secure: true}},
		{"s3://report-1250000000?endpoint=cos.ap-guangzhou.myqcloud.com",
			Target{Bucket: "report-1250000000", Endpoint: "cos.ap-guangzhou.myqcloud.com", Secure: true}},
		{"s3://site?endpoint=https://minio.local:9000/&path-style=1",
			Target{Bucket: "site", Endpoint: "minio.local:9000", Secure: true, PathStyle: true}},
		{"s3://site?path-style=false", Target{Bucket: "site", Endpoint: DefaultEndpoint, Secure: true}},
		{"S3://site", Target{Bucket: "site", Endpoint: DefaultEndpoint, Secure: true}},
		{"s3://my.site.bucket/x", Target{Bucket: "my.site.bucket", Prefix: "x/", Endpoint: DefaultEndpoint, Secure: true}},
		{"s3://site?endpoint=http://[::1]:9000", Target{Bucket: "site", Endpoint: "[::1]:9000"}},
	}
	for _, tc := range ok {
		got, err := ParseTarget(tc.raw)
		if err != nil {
			t.Errorf("ParseTarget(%q): %v", tc.raw, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseTarget(%q) = %+v, want %+v", tc.raw, got, tc.want)
		}
		// String gives a URL that parses back to the same target.
		back, err := ParseTarget(got.String())
		if err != nil || back != got {
			t.Errorf("ParseTarget(%q).String() = %q, parses to %+v, %v", tc.raw, got.String(), back, err)
		}
	}

	bad := []struct{ raw, want string }{
		{"", "empty"},
		{"   ", "empty"},
		{"site-bucket/prefix", "no scheme"},
		{"https://site-bucket/prefix", "only s3://"},
		{"gs://site-bucket", "only s3://"},
		{"s3:site-bucket", "two slashes"},
		{"s3:///prefix", "no bucket"},
		{"s3://", "no bucket"},
		{"s3://AKIAKEY:topsecretvalue@site-bucket/x", "credentials"},
		{"s3://Site-Bucket", "lowercase"},
		{"s3://ab", "3 to 63"},
		{"s3://" + strings.Repeat("a", 64), "3 to 63"},
		{"s3://site_bucket", "may only hold"},
		{"s3://-site", "start and end"},
		{"s3://site-", "start and end"},
		{"s3://a..b", "'..'"},
		{"s3://127.0.0.1:9000/site", "port"},
		{"s3://192.168.1.10/x", "IP address"},
		{"s3://site/a//b", "empty folder"},
		{"s3://site/a/../b", "'..'"},
		{"s3://site/a#frag", "'#'"},
		{"s3://site?endpoint=", "empty"},
		{"s3://site?endpoint=ftp://host", "http:// or https://"},
		{"s3://site?endpoint=http://host/path", "without a path"},
		{"s3://site?endpoint=http://host:99999", "bad port"},
		{"s3://site?endpoint=http://user:pw@host", "credentials"},
		{"s3://site?endpoint=http://", "scheme://host"},
		{"s3://site?region=US_EAST", "region"},
		{"s3://site?path-style=maybe", "true or false"},
		{"s3://site?pathstyle=true", `unknown parameter "pathstyle"`},
		{"s3://site?secret=topsecretvalue", `unknown parameter "secret"`},
		{"s3://site?region=a&region=b", "2 times"},
		{"s3://site?a=%zz", "malformed query"},
	}
	for _, tc := range bad {
		_, err := ParseTarget(tc.raw)
		if err == nil {
			t.Errorf("ParseTarget(%q): no error, want one containing %q", tc.raw, tc.want)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, tc.want) {
			t.Errorf("ParseTarget(%q) = %q, want it to contain %q", tc.raw, msg, tc.want)
		}
		if strings.Contains(msg, "\n") {
			t.Errorf("ParseTarget(%q): error is more than one line: %q", tc.raw, msg)
		}
		if strings.Contains(msg, "topsecretvalue") {
			t.Errorf("ParseTarget(%q): error repeats a secret: %q", tc.raw, msg)
		}
	}
}

func TestTargetString(t *testing.T) {
	tg := Target{Bucket: "site", Prefix: "r/", Endpoint: "127.0.0.1:9000", Region: "us-east-1", PathStyle: true}
	if got, want := tg.String(), "s3://site/r/?endpoint=http://127.0.0.1:9000&region=us-east-1&path-style=true"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := (Target{Bucket: "site", Endpoint: DefaultEndpoint, Secure: true}).String(), "s3://site/"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
