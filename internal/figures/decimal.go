package figures

import (
	"errors"
	"math/big"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number. The report prints figures such as
// 764.71万 that a float64 cannot always hold exactly, and rules compare sums
// exactly, so values are kept as decimal digits rather than binary floats.
//
// The zero value is 0. Decimals are comparable with ==: every value has one
// representation (no leading zeros, no trailing zeros after the point).
type Decimal struct {
	neg    bool
	digits string // the value without its decimal point and sign; "" for zero
	scale  int    // how many of digits come after the decimal point; never negative
}

// DecimalFromInt returns n as a Decimal.
func DecimalFromInt(n int64) Decimal {
	d, _ := ParseDecimal(strconv.FormatInt(n, 10))
	return d
}

// maxExponent bounds exponents in ParseDecimal so that text like "1e999999999"
// cannot make a number with a billion digits.
const maxExponent = 400

// ParseDecimal reads a plain decimal number: an optional sign, digits, an
// optional fraction and an optional exponent ("5964", "-0.5", "7.6471e6").
func ParseDecimal(s string) (Decimal, error) {
	mantissa, exp, err := splitExponent(s)
	if err != nil {
		return Decimal{}, err
	}
	neg := false
	if mantissa != "" && (mantissa[0] == '-' || mantissa[0] == '+') {
		neg = mantissa[0] == '-'
		mantissa = mantissa[1:]
	}
	intPart, fracPart, _ := strings.Cut(mantissa, ".")
	if intPart == "" && fracPart == "" || !allDigits(intPart) || !allDigits(fracPart) {
		return Decimal{}, errors.New("not a number: " + strconv.Quote(s))
	}
	return newDecimal(neg, intPart+fracPart, len(fracPart)).shift(exp), nil
}

func splitExponent(s string) (mantissa string, exp int, err error) {
	i := strings.IndexAny(s, "eE")
	if i < 0 {
		return s, 0, nil
	}
	exp, err = strconv.Atoi(s[i+1:])
	if err != nil || exp > maxExponent || exp < -maxExponent {
		return "", 0, errors.New("not a number: " + strconv.Quote(s))
	}
	return s[:i], exp, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// newDecimal builds the one representation of neg × digits × 10^-scale.
func newDecimal(neg bool, digits string, scale int) Decimal {
	if scale < 0 {
		digits += strings.Repeat("0", -scale)
		scale = 0
	}
	for scale > 0 && strings.HasSuffix(digits, "0") {
		digits = digits[:len(digits)-1]
		scale--
	}
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return Decimal{}
	}
	return Decimal{neg: neg, digits: digits, scale: scale}
}

// shift multiplies d by 10^n.
func (d Decimal) shift(n int) Decimal {
	return newDecimal(d.neg, d.digits, d.scale-n)
}

// Sign returns -1, 0 or +1.
func (d Decimal) Sign() int {
	switch {
	case d.digits == "":
		return 0
	case d.neg:
		return -1
	}
	return 1
}

// Abs returns |d|.
func (d Decimal) Abs() Decimal {
	d.neg = false
	return d
}

// intDigits is how many digits d has before the decimal point (0 for |d| < 1).
func (d Decimal) intDigits() int {
	return max(len(d.digits)-d.scale, 0)
}

// parts splits |d| into the digits before and after the decimal point.
func (d Decimal) parts() (intPart, fracPart string) {
	digits := d.digits
	if d.scale >= len(digits) {
		digits = strings.Repeat("0", d.scale-len(digits)+1) + digits
	}
	return digits[:len(digits)-d.scale], digits[len(digits)-d.scale:]
}

// String returns d as plain digits: "5964", "7.6471", "-0.5".
func (d Decimal) String() string {
	intPart, fracPart := d.parts()
	s := intPart
	if fracPart != "" {
		s += "." + fracPart
	}
	if d.neg {
		s = "-" + s
	}
	return s
}

// Float64 returns the nearest float64, for drawing charts.
func (d Decimal) Float64() float64 {
	f, _ := strconv.ParseFloat(d.String(), 64)
	return f
}

// rat returns d as an exact fraction, for arithmetic.
func (d Decimal) rat() *big.Rat {
	r, _ := new(big.Rat).SetString(d.String())
	return r
}

// Cmp compares d and e: -1 if d < e, 0 if equal, +1 if d > e.
func (d Decimal) Cmp(e Decimal) int {
	return d.rat().Cmp(e.rat())
}

// Add returns d + e, exactly.
func (d Decimal) Add(e Decimal) Decimal {
	sum := new(big.Rat).Add(d.rat(), e.rat())
	return decimalFromRat(sum, max(d.scale, e.scale))
}

// Sub returns d - e, exactly: what a part-of-whole chart's parts leave of its total.
func (d Decimal) Sub(e Decimal) Decimal {
	if e.digits != "" {
		e.neg = !e.neg
	}
	return d.Add(e)
}

// decimalFromRat converts r, known to have at most scale fraction digits.
func decimalFromRat(r *big.Rat, scale int) Decimal {
	d, _ := ParseDecimal(r.FloatString(scale))
	return d
}

// DecimalFromFloat returns the shortest decimal that reads back as f, or 0
// for NaN and infinities. That is what the editor wrote for any number of up
// to 15 significant digits, which covers every real figure, so it is how
// values the TOML decoder read as floats become exact again; charts use it to
// format values they compute.
func DecimalFromFloat(f float64) Decimal {
	d, _ := ParseDecimal(strconv.FormatFloat(f, 'f', -1, 64))
	return d
}
