package parse

import (
	"reflect"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

func TestParseTags(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"PREL PTER UNSC KV RS", []string{"PREL", "PTER", "UNSC", "KV", "RS"}},
		{"PGOV, PINS, ZI, MDC, ZANU-PF", []string{"PGOV", "PINS", "ZI", "MDC", "ZANU-PF"}},
		{"PREL; PGOV;KV", []string{"PREL", "PGOV", "KV"}},
		{"prel ettc", []string{"PREL", "ETTC"}},
		{"PREL PGOV\nKV SR", []string{"PREL", "PGOV", "KV", "SR"}},
		{"OVIP RICE CONDOLEEZZA PREL", []string{"OVIP", "RICE CONDOLEEZZA", "PREL"}},
		{"OVIP (STEINBERG, JAMES B.) PREL", []string{"OVIP", "STEINBERG, JAMES B.", "PREL"}},
		{"RUPREL", []string{"RU", "PREL"}},
		{"PINR KDEMAF", []string{"PINR", "KDEM", "AF"}},
		{"KVPR KV", []string{"KVPR", "KV"}},
		{"RU RS", []string{"RU", "RS"}},
		{"UNESCO", []string{"UNESCO"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := parseTags(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseTags(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseClassifier(t *testing.T) {
	tests := []struct {
		in          string
		name, title string
		reasons     []string
	}{
		{"Political Minister-Counselor Alice G. Wells for reasons\n1.4 (b/d)", "Alice G. Wells", "Political Minister-Counselor", []string{"1.4 (b/d)"}},
		{"CLASSIFIED BY DCM EARL IRVING. REASONS: 1.5 (B) AND (D).", "EARL IRVING", "DCM", []string{"1.5 (B) AND (D)"}},
		{"Classified By: Charge d'Affaires, a.i. Matthew H. Tueller Reasons: 1.4 (B) and (D)", "Matthew H. Tueller", "Charge d'Affaires, a.i.", []string{"1.4 (B) and (D)"}},
		{"Jeffrey D. Feltman, Ambassador.  Reason: 1.4 (d).", "Jeffrey D. Feltman", "Ambassador", []string{"1.4 (d)"}},
		{"Lastname Firstname, Ambassador", "Lastname Firstname", "Ambassador", nil},
		{"Gene A. Cretz  Ambassador", "Gene A. Cretz", "Ambassador", nil},
		{"AMBASSADOR JAMES KENNY PER 1.4 (B) AND (D)", "JAMES KENNY", "AMBASSADOR", []string{"1.4 (B) AND (D)"}},
		{"Charge Robert O. Blake, Jr., for Reasons 1.4 (B, D)", "Robert O. Blake, Jr.", "Charge", []string{"1.4 (B, D)"}},
		{"Ambassador van Voorst, reasons 1.4 b. and d.", "van Voorst", "Ambassador", []string{"1.4 b"}},
		{"Political Minister Counselor Josiah Rosenblatt for reaso\nns 1.4 b and d.", "Josiah Rosenblatt", "Political Minister Counselor", []string{"1.4 b and d"}},
		{"1.4 (b) and (d)", "", "", []string{"1.4 (b) and (d)"}},
		{"Ambassador Cl...", "", "Ambassador", nil},
		{"Political...", "", "", nil},
	}
	for _, tt := range tests {
		c := parseClassifier(tt.in)
		if c.Name != tt.name || c.Title != tt.title || !reflect.DeepEqual(c.Reasons, tt.reasons) {
			t.Errorf("parseClassifier(%q) = %q / %q / %q, want %q / %q / %q", tt.in, c.Name, c.Title, c.Reasons, tt.name, tt.title, tt.reasons)
		}
	}
}

func TestCanonicalID(t *testing.T) {
	tests := map[string]string{
		"08MOSCOW235":              "08MOSCOW235",
		"08moscow235":              "08MOSCOW235",
		"08 MOSCOW 000235":         "08MOSCOW235",
		"09STATE 012345":           "09STATE12345",
		"06USUN NEW YORK 12":       "06USUNNEWYORK12",
		"04SECSTATE248337":         "04STATE248337",
		"08SECTION01GF02BISHIEK21": "08BISHIEK21",
		"MOSCOW235":                "",
		"08MOSCOW0":                "",
		"":                         "",
	}
	for in, want := range tests {
		if got := CanonicalID(in); got != want {
			t.Errorf("CanonicalID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDates(t *testing.T) {
	utc := func(s string) string { return s }
	tests := []struct {
		name string
		got  *time.Time
		want string
	}{
		{"metadata seconds", parseMetaDate("2008-01-30 15:43:00"), utc("2008-01-30T15:43:00Z")},
		{"metadata minutes", parseMetaDate("2008-01-30 15:43"), "2008-01-30T15:43:00Z"},
		{"csv", parseMetaDate("1/30/2008 15:43"), "2008-01-30T15:43:00Z"},
		{"media line", parseMetaDate("Monday, 23 February 2009, 17:24"), "2009-02-23T17:24:00Z"},
		{"dtg", dtgTime(dtgPattern.FindStringSubmatch("301543Z JAN 08")), "2008-01-30T15:43:00Z"},
		{"dtg old", dtgTime(dtgPattern.FindStringSubmatch("271458Z SEP 00")), "2000-09-27T14:58:00Z"},
		{"garbage", parseMetaDate("yesterday"), ""},
	}
	for _, tt := range tests {
		got := ""
		if tt.got != nil {
			got = tt.got.Format(time.RFC3339)
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	decl := map[string]string{"01/30/2018": "2018-01-30", "09/21/10": "2010-09-21", "1/5/18": "2018-01-05", "X1": "X1", "1.6x1": "1.6X1", "": ""}
	for in, want := range decl {
		if got := normDecl(in); got != want {
			t.Errorf("normDecl(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClassification(t *testing.T) {
	tests := map[string]string{
		"CONFIDENTIAL":                         graph.Confidential,
		"CONFIDENTIAL//NOFORN":                 graph.ConfidentialNF,
		"CONFIDENTIAL NOFORN":                  graph.ConfidentialNF,
		"C O N F I D E N T I A L NOFORN":       graph.ConfidentialNF,
		"S E C R E T SECTION 01 OF 02 STATE 5": graph.Secret,
		"SECRET//NOFORN":                       graph.SecretNF,
		"UNCLAS SECTION 01 OF 03 PRISTINA 148": graph.Unclassified,
		"UNCLASSIFIED//FOR OFFICIAL USE ONLY":  graph.UnclassifiedFOUO,
		"UNCLAS FOUO":                          graph.UnclassifiedFOUO,
		"":                                     "",
	}
	for in, want := range tests {
		if got := classificationOf(normClassification(in)); got != want {
			t.Errorf("classification(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSignature(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string
	}{
		{"own line", []string{"7. (C) The end.", "BURNS"}, "BURNS"},
		{"glued", []string{"7. (C) Keep Georgia off-balance in the Caucasus. BURNS"}, "BURNS"},
		{"glued mixed case", []string{"would be frozen (ref B). Scobey"}, "Scobey"},
		{"two words", []string{"End of text.", "", "RICE"}, "RICE"},
		{"banner is not a signer", []string{"The end.", "CONFIDENTIAL"}, ""},
		{"mid sentence is not a signer", []string{"and then the PRESIDENT", "WOULD HAVE"}, ""},
		{"end summary is not a signer", []string{"text. END SUMMARY"}, ""},
	}
	for _, tt := range tests {
		got, _ := signature(append([]string(nil), tt.lines...))
		if got != tt.want {
			t.Errorf("%s: signature = %q, want %q", tt.name, got, tt.want)
		}
	}
}
