package figures

import (
	"errors"
	"fmt"
	"strings"
)

// Change is how a figure moved from an earlier year's value to this year's,
// as the report states it: by a share of the earlier value (增长156.5%), or,
// for a rate (a unit that compares in points: percent, permille, or any
// unit with points words), by the difference in points (提高16个百分点,
// 降低0.6个千分点).
type Change struct {
	Direction int     // +1 up, -1 down, 0 unchanged at one decimal
	Amount    Decimal // how much, rounded to one decimal, never negative
	Points    bool    // Amount is in points of the unit
}

// ErrZeroBase is returned by CompareValues when the earlier value is zero
// and the change would be a share of nothing.
var ErrZeroBase = errors.New("the earlier value is 0, so the change cannot be given as a percentage of it")

// ErrSignChange is returned by CompareValues when one value is below zero
// and the other above it: a share of the earlier value would say nothing
// true (from -1.5 to 0.5 is not "up 133.3%").
var ErrSignChange = errors.New("one value is below zero and the other above it, so the change cannot be given as a percentage of the earlier value; state both values")

// CompareValues works out the change from earlier to later, both counting
// the same unit; inPoints if the unit compares in points
// (Writing.ComparesInPoints). A rate changes by the difference in points,
// so it can go from below zero to above it; anything else by the
// difference as a percentage of the earlier value. The amount is rounded
// to one decimal, halves away from zero; a change that rounds to 0 reads
// as unchanged.
func CompareValues(earlier, later Decimal, inPoints bool) (Change, error) {
	diff := later.Sub(earlier)
	var amount Decimal
	if inPoints {
		amount = round1(diff.Abs())
	} else {
		if earlier.Sign() == 0 {
			return Change{}, ErrZeroBase
		}
		if earlier.Sign()*later.Sign() < 0 {
			return Change{}, ErrSignChange
		}
		share := diff.Abs().rat()
		share.Quo(share, earlier.Abs().rat())
		share.Mul(share, DecimalFromInt(100).rat())
		amount = decimalFromRat(share, 1)
	}
	c := Change{Amount: amount, Points: inPoints}
	if amount.Sign() != 0 {
		c.Direction = diff.Sign()
	}
	return c, nil
}

func round1(d Decimal) Decimal { return decimalFromRat(d.rat(), 1) }

// ChangeWords are the patterns a language writes a change with, from the
// site's interface strings; {value} stands for the amount.
type ChangeWords struct {
	Up, Down, Unchanged string // 增长{value} / 下降{value} / 持平
	// RateUp and RateDown are for a change in points, {value} being the
	// amount with the unit's words for a point: 提高{value} / 降低{value}
	// (提高16个百分点).
	RateUp, RateDown string
}

// percentUnit is the shipped unit a change's share is written in.
const percentUnit Unit = "percent"

// Format writes the change of a figure counting unit in lang with words:
// the amount as a percentage (the percent unit's pattern) or in the unit's
// words for a point (Writing.PointsPattern), written by the language's own
// number rules (wr).
func (c Change) Format(wr *Writing, unit Unit, lang string, w ChangeWords) (string, error) {
	if c.Direction == 0 {
		return w.Unchanged, nil
	}
	up, down := w.Up, w.Down
	// A share is written in full digits: 增长12000%, not 增长1.2万%.
	amount := wr.Format(c.Amount, percentUnit, Exact, StylePlain, lang)
	if c.Points {
		p, ok := wr.PointsPattern(unit, lang)
		if !ok {
			return "", fmt.Errorf("unit %q has no words for a point in language %q", unit, lang)
		}
		up, down = w.RateUp, w.RateDown
		amount = fill(p.pick(wr.Lang(lang), c.Amount), wr.Number(c.Amount, StylePlain, lang))
	}
	pattern := up
	if c.Direction < 0 {
		pattern = down
	}
	return strings.ReplaceAll(pattern, "{value}", amount), nil
}
