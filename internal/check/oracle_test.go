package check

import (
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/internal/decimal"
	"gongkai/internal/source"
)

// The oracle below recomputes every derived figure and every figure rule in
// big.Rat, from the text of the front matter, without the decimal package:
// a sum, a share or a verdict the model or the checks get wrong, near a
// limit or not, is a failure, not only a panic.

// number is the text a figure of the fuzzed front matter may have: a TOML
// integer or float, without letters other than an exponent's.
var number = regexp.MustCompile(`^[+-]?[0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]+)?$`)

// exact is the value of TOML number text.
func exact(t *testing.T, text string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(strings.ReplaceAll(text, "_", ""))
	if !ok {
		t.Fatalf("the loader read %q, which is no number", text)
	}
	return r
}

// places is the number of decimals text is written with: those of its
// mantissa less its exponent.
func places(text string) int {
	text = strings.ReplaceAll(text, "_", "")
	mant, exp, _ := strings.Cut(strings.ToLower(text), "e")
	_, frac, _ := strings.Cut(mant, ".")
	var e int
	if exp != "" {
		fmt.Sscan(exp, &e)
	}
	return max(len(frac)-e, 0)
}

// ratOf is a Dec's value, read back from its text.
func ratOf(t *testing.T, d decimal.Dec) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(d.String())
	if !ok {
		t.Fatalf("Dec text %q", d.String())
	}
	return r
}

// fixed formats r with p decimals, rounded half up (away from zero) or cut
// toward zero: the rule of every computed percentage.
func fixed(r *big.Rat, p int, halfUp bool) string {
	ten := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(p)), nil)
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(ten))
	den := scaled.Denom()
	q, rem := new(big.Int).QuoRem(new(big.Int).Abs(scaled.Num()), den, new(big.Int))
	if halfUp && new(big.Int).Lsh(rem, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	digits := q.String()
	if len(digits) <= p {
		digits = strings.Repeat("0", p-len(digits)+1) + digits
	}
	s := digits[:len(digits)-p]
	if p > 0 {
		s += "." + digits[len(digits)-p:]
	}
	if r.Sign() < 0 && q.Sign() != 0 {
		s = "-" + s
	}
	return s
}

// percent is n/of × 100, or nil when of is zero.
func percent(n, of *big.Rat) *big.Rat {
	if of.Sign() == 0 {
		return nil
	}
	return new(big.Rat).Mul(new(big.Rat).Quo(n, of), big.NewRat(100, 1))
}

func mul(n int, r *big.Rat) *big.Rat { return new(big.Rat).Mul(big.NewRat(int64(n), 1), r) }
func sub(a, b *big.Rat) *big.Rat     { return new(big.Rat).Sub(a, b) }
func abs(r *big.Rat) *big.Rat        { return new(big.Rat).Abs(r) }

// figureIs fails unless a computed figure has the value want at p places
// (want nil: no computed figure).
func figureIs(t *testing.T, name string, has bool, got decimal.Dec, want *big.Rat, p int) {
	t.Helper()
	switch {
	case want == nil && has:
		t.Fatalf("%s = %s, want none", name, got)
	case want == nil:
	case !has:
		t.Fatalf("%s missing, want %s", name, fixed(want, p, true))
	case got.String() != fixed(want, p, true):
		t.Fatalf("%s = %s, want %s", name, got, fixed(want, p, true))
	}
}

// ruling is what judge must say of a stated percentage, with the rounded
// and finer figures its message must give.
func ruling(stated *big.Rat, p int, n, of *big.Rat) (v, rounded, fine string) {
	pct := percent(n, of)
	if pct == nil {
		return "", "", ""
	}
	rounded, cut := fixed(pct, p, true), fixed(pct, p, false)
	fine = fixed(pct, min(p+3, decimal.MaxScale), true)
	ulp := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(p)), nil))
	r, _ := new(big.Rat).SetString(rounded)
	c, _ := new(big.Rat).SetString(cut)
	switch {
	case stated.Cmp(r) == 0:
	case stated.Cmp(c) == 0:
		return "TRUNC", rounded, fine
	case abs(sub(stated, r)).Cmp(ulp) > 0:
		return "MISMATCH", rounded, fine
	}
	return "", rounded, fine
}

// FuzzRules feeds arbitrary figures to the model and the rules: every
// derived figure and every finding must be what big.Rat says, and a figure
// must load as written or not at all.
func FuzzRules(f *testing.F) {
	const many = 60000 // n at or above it asks for 900 items or more
	f.Add("1110.98", "971.76", "90.49", uint16(1), int64(85434), int64(23934), "2083", "1737", "19.9")
	f.Add("0", "0", "0", uint16(0), int64(0), int64(0), "0", "0", "0")
	f.Add("-1", "0.000001", "100.000000", uint16(1), int64(-5), int64(9223372036854775807), "9999999999", "-9999999999", "-0.1")
	// The largest figures, many times over: past int64 in units.
	f.Add("9999999999.999999", "9999999999.999999", "0.1", uint16(many), int64(9223372036854775807), int64(9223372036854775807), "9999999999.999999", "0.000001", "100")
	f.Add("-9999999999.999999", "-9999999999.999999", "-100", uint16(many+99), int64(-9223372036854775808), int64(-9223372036854775808), "-9999999999.999999", "-9999999999.999999", "0.000000")
	f.Add("9999999999.999999", "9999999999.999999", "100.00", uint16(1), int64(9223372036854775807), int64(9223372036854775807), "9999999999.999999", "9999999999.999998", "0.000001")
	// Zero denominators, ties and truncation.
	f.Add("0", "5", "0", uint16(3), int64(0), int64(0), "5", "0", "5")
	f.Add("3", "1", "33.33", uint16(3), int64(3), int64(1), "1", "3", "33.34")
	f.Add("8", "1", "12.5", uint16(8), int64(8), int64(1), "1", "8", "12.4")
	f.Add("8", "1", "12", uint16(1), int64(8), int64(1), "-1", "8", "-12")
	f.Add("2.015", "1", "50", uint16(2), int64(2), int64(1), "3", "2", "50")
	f.Add("2277", "1625", "71.36", uint16(1), int64(2277), int64(1625), "1625", "2277", "71.36")
	f.Add("200", "1", "0.5", uint16(1), int64(1), int64(1), "-1", "200", "-0.5")
	// Exponents, underscores and figures out of range.
	f.Add("1e3", "2.5e2", "25e0", uint16(4), int64(1_000), int64(250), "1_000.5", "1e-6", "1.5E1")
	f.Add("1e-400", "1e400", "0.1234567", uint16(2), int64(1), int64(1), "12345678901", "9999999999.9999999", "1e10")
	f.Fuzz(func(t *testing.T, total, amount, share string, n uint16, ctotal, cvalue int64, value, previous, change string) {
		for _, s := range []string{total, amount, share, value, previous, change} {
			if len(s) > 40 || !number.MatchString(s) {
				return // a figure only: other text would change the front matter's shape
			}
		}
		items := int(n % 8)
		if n >= many {
			items = 900 + int(n-many)%200
		}
		var fm strings.Builder
		fmt.Fprintf(&fm, "[[budget]]\nid = \"b\"\ntitle = \"预算\"\ntotal = %s\n", total)
		for range items {
			fmt.Fprintf(&fm, "[[budget.items]]\nname = \"甲\"\namount = %s\nshare = %s\n", amount, share)
		}
		fmt.Fprintf(&fm, "[[counts]]\nid = \"c\"\ntitle = \"业务\"\ntotal = %d\nexhaustive = true\n", ctotal)
		for range items {
			fmt.Fprintf(&fm, "[[counts.items]]\nname = \"甲\"\nvalue = %d\n", cvalue)
		}
		fmt.Fprintf(&fm, "[[metrics]]\nid = \"m\"\nname = \"指标\"\nvalue = %s\nprevious = %s\nchange = %s\nof = %s\nrate = %s\n",
			value, previous, change, previous, change)
		fsys := fstest.MapFS{
			"site.toml":               {Data: []byte("title = \"站\"\n[check]\nrequired_sections = []\n")},
			"content/2023/u/index.md": {Data: []byte("+++\ntitle = \"报告\"\nyear = 2023\norg = \"某单位\"\norg_id = \"u\"\nunit = \"万元\"\n" + fm.String() + "+++\n")},
		}
		site, err := source.Load(fsys)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !regexp.MustCompile(`^content/2023/u/index\.md:[0-9]+:[0-9]+: `).MatchString(line) {
					t.Fatalf("error without its place: %q", line)
				}
			}
			return // bad input is the loader's to report
		}
		r := site.Reports()[0]
		b, c, m := r.Budgets[0], r.Counts[0], r.Metrics[0]

		// Every figure loads as written: its value and its places.
		for _, s := range []struct {
			text string
			got  decimal.Dec
		}{{total, *b.Total}, {value, m.Value}, {previous, *m.Previous}, {change, *m.Change}} {
			if ratOf(t, s.got).Cmp(exact(t, s.text)) != 0 || s.got.Scale() != places(s.text) {
				t.Fatalf("%s loaded as %s", s.text, s.got)
			}
		}
		if items > 0 {
			if it := b.Items[0]; ratOf(t, it.Amount).Cmp(exact(t, amount)) != 0 || ratOf(t, *it.Share).Cmp(exact(t, share)) != 0 ||
				it.Amount.Scale() != places(amount) || it.Share.Scale() != places(share) {
				t.Fatalf("item %s/%s loaded as %s/%s", amount, share, it.Amount, it.Share)
			}
		}

		// The derived figures.
		T, V, P, C := exact(t, total), exact(t, value), exact(t, previous), exact(t, change)
		// Without items, amount and share are not written at all.
		A, S := new(big.Rat), new(big.Rat)
		if items > 0 {
			A, S = exact(t, amount), exact(t, share)
		}
		sum := mul(items, A)
		sumPlaces := 0
		if items > 0 {
			sumPlaces = places(amount)
		}
		figureIs(t, "budget sum", true, b.Sum, sum, sumPlaces)
		figureIs(t, "budget total", b.TotalFig.HasComputed, b.TotalFig.Computed, sum, sumPlaces)
		if !b.TotalFig.HasStated || ratOf(t, b.TotalFig.Stated).Cmp(T) != 0 {
			t.Fatalf("stated total %s, want %s", b.TotalFig.Stated, total)
		}
		for i, it := range b.Items {
			figureIs(t, fmt.Sprintf("share %d", i), it.ShareFig.HasComputed, it.ShareFig.Computed, percent(A, T), places(share))
		}
		shareSumPlaces := 2
		if items > 0 {
			shareSumPlaces = places(share)
			if ratOf(t, b.ShareSum.Stated).Cmp(mul(items, S)) != 0 {
				t.Fatalf("stated share sum %s, want %d × %s", b.ShareSum.Stated, items, share)
			}
		}
		figureIs(t, "share sum", b.ShareSum.HasComputed, b.ShareSum.Computed, percent(sum, T), shareSumPlaces)
		if T.Cmp(sum) > 0 {
			figureIs(t, "unlisted", true, b.Unlisted, sub(T, sum), max(places(total), sumPlaces))
			figureIs(t, "unlisted share", true, b.UnlistedShare, percent(sub(T, sum), T), 2)
		} else if !b.Unlisted.IsZero() || !b.UnlistedShare.IsZero() {
			t.Fatalf("unlisted %s (%s%%) of a total the items reach", b.Unlisted, b.UnlistedShare)
		}
		csum := mul(items, big.NewRat(cvalue, 1))
		figureIs(t, "counts sum", true, c.Sum, csum, 0)
		figureIs(t, "counts total", c.TotalFig.HasComputed, c.TotalFig.Computed, csum, 0)
		if ratOf(t, c.TotalFig.Stated).Cmp(big.NewRat(ctotal, 1)) != 0 {
			t.Fatalf("stated count total %s, want %d", c.TotalFig.Stated, ctotal)
		}
		figureIs(t, "change", m.ChangeFig.HasComputed, m.ChangeFig.Computed, percent(sub(V, P), P), places(change))
		figureIs(t, "rate", m.RateFig.HasComputed, m.RateFig.Computed, percent(V, P), places(change))

		// The findings: each rule's verdict, and the figures its message gives.
		var want []string
		wantIn := map[string][]string{}
		expect := func(code, sev string, in ...string) {
			want = append(want, code+" "+sev)
			wantIn[code] = in
		}
		covered := true
		tol := mul(items, big.NewRat(5, 1000))
		if gap := sub(T, sum); items > 0 && abs(gap).Cmp(tol) > 0 {
			sev := "warning"
			if pct := percent(abs(gap), T); pct != nil && exact(t, fixed(pct, 2, true)).Cmp(big.NewRat(1, 1)) > 0 {
				sev, covered = "error", false
			}
			expect("BUDGET-TOTAL", sev, "各项相加为 "+fixed(sum, sumPlaces, true)+"万元")
		}
		for range items {
			switch v, rounded, fine := ruling(S, places(share), A, T); v {
			case "MISMATCH":
				expect("SHARE-MISMATCH", "error", "核算为 "+rounded+"%")
			case "TRUNC":
				expect("SHARE-TRUNC", "info", "核算为 "+fine+"%，四舍五入应为 "+rounded+"%")
			}
		}
		if items > 0 && covered && abs(sub(mul(items, S), big.NewRat(100, 1))).Cmp(tol) > 0 {
			expect("SHARE-SUM", "error", "原文相加为 "+fixed(mul(items, S), places(share), true)+"%")
		}
		if items > 0 && csum.Cmp(big.NewRat(ctotal, 1)) != 0 {
			expect("COUNTS-TOTAL", "error", "各项相加为 "+fixed(csum, 0, true)+"，", "相差 "+fixed(abs(sub(big.NewRat(ctotal, 1), csum)), 0, true))
		}
		for _, rule := range []struct {
			code string
			n    *big.Rat
		}{{"CHANGE", sub(V, P)}, {"RATE", P}} {
			n := rule.n
			if rule.code == "RATE" {
				n = V
			}
			switch v, rounded, fine := ruling(C, places(change), n, P); v {
			case "MISMATCH":
				expect(rule.code+"-MISMATCH", "error", "核算为 "+rounded+"%")
			case "TRUNC":
				expect(rule.code+"-TRUNC", "info", "核算为 "+fine+"%，四舍五入应为 "+rounded+"%")
			}
		}
		var got []string
		for _, f := range Site(site) {
			if f.Code == "" || f.Message == "" || f.Pos.Path == "" {
				t.Fatalf("incomplete finding %+v", f)
			}
			got = append(got, f.Code+" "+f.Severity.String())
			for _, s := range wantIn[f.Code] {
				if !strings.Contains(f.Message, s) {
					t.Fatalf("%s: %q does not give %q", f.Code, f.Message, s)
				}
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("findings %v, want %v", got, want)
		}
	})
}
