package servicehours_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/servicehours"
)

func TestElapsedWorkedExamples(t *testing.T) {
	lbhS, c24S := lbh(t), c24(t)
	tests := []struct {
		name     string
		why      string
		s        *servicehours.Schedule
		from, to string
		minus    [][2]string
		want     time.Duration
	}{
		{
			name: "lbh-over-weekend",
			why:  "Fri 16:30-18:00 is 1h30m, Mon 08:00-14:00 is 6h",
			s:    lbhS, from: "2023-03-03T16:30:00Z", to: "2023-03-06T14:00:00Z",
			want: 7*time.Hour + 30*time.Minute,
		},
		{
			name: "lbh-over-easter",
			why:  "Thu 2h, Good Friday and Easter Monday closed, Tue 08:00-14:30 6h30m",
			s:    lbhS, from: "2023-04-06T16:00:00+01:00", to: "2023-04-11T14:30:00+01:00",
			want: 8*time.Hour + 30*time.Minute,
		},
		{
			name: "c24-with-pause",
			why:  "5h30m less the 3h pause",
			s:    c24S, from: "2023-06-12T09:00:00+01:00", to: "2023-06-12T14:30:00+01:00",
			minus: [][2]string{{"2023-06-12T10:00:00+01:00", "2023-06-12T13:00:00+01:00"}},
			want:  2*time.Hour + 30*time.Minute,
		},
		{
			name: "c24-no-pause",
			why:  "09:00 to 14:30 on a 24x7 calendar",
			s:    c24S, from: "2023-06-12T09:00:00+01:00", to: "2023-06-12T14:30:00+01:00",
			want: 5*time.Hour + 30*time.Minute,
		},
		{
			name: "c24-overlapping-pauses",
			why:  "pauses 10:00-12:00 and 11:00-13:00 cover 10:00-13:00 once",
			s:    c24S, from: "2023-06-12T09:00:00+01:00", to: "2023-06-12T14:30:00+01:00",
			minus: [][2]string{
				{"2023-06-12T11:00:00+01:00", "2023-06-12T13:00:00+01:00"},
				{"2023-06-12T10:00:00+01:00", "2023-06-12T12:00:00+01:00"},
			},
			want: 2*time.Hour + 30*time.Minute,
		},
		{
			name: "c24-across-spring-forward",
			why:  "00:30 GMT to 04:45 BST is 3h15m of real time; the clock hour 01:00-02:00 does not exist",
			s:    c24S, from: "2023-03-26T00:30:00Z", to: "2023-03-26T04:45:00+01:00",
			want: 3*time.Hour + 15*time.Minute,
		},
		{
			name: "lbh-until-next-opening",
			why:  "Mon 10:00-18:00 is 8h; Tue 08:00 is the opening, so nothing of Tuesday counts",
			s:    lbhS, from: "2021-06-28T10:00:00+01:00", to: "2021-06-29T08:00:00+01:00",
			want: 8 * time.Hour,
		},
		{
			name: "lbh-bank-holiday-2022-09-19",
			why:  "the State Funeral bank holiday is a one-off closure",
			s:    lbhS, from: "2022-09-19T00:00:00+01:00", to: "2022-09-20T00:00:00+01:00",
			want: 0,
		},
		{
			name: "reversed-range",
			why:  "to before from measures nothing",
			s:    lbhS, from: "2023-03-06T14:00:00Z", to: "2023-03-03T16:30:00Z",
			want: 0,
		},
		{
			name: "pause-outside-range",
			why:  "a pause before from subtracts nothing",
			s:    c24S, from: "2023-06-12T09:00:00+01:00", to: "2023-06-12T10:00:00+01:00",
			minus: [][2]string{{"2023-06-11T09:00:00+01:00", "2023-06-12T09:00:00+01:00"}},
			want:  time.Hour,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var minus []servicehours.Interval
			for _, p := range tt.minus {
				minus = append(minus, pause(t, p[0], p[1]))
			}
			got := tt.s.Elapsed(inst(t, tt.from), inst(t, tt.to), minus)
			if got != tt.want {
				t.Errorf("Elapsed = %v, want %v (%s)", got, tt.want, tt.why)
			}
		})
	}
}

func TestDeadlineWorkedExamples(t *testing.T) {
	lbhS, c24S := lbh(t), c24(t)
	tests := []struct {
		name   string
		why    string
		s      *servicehours.Schedule
		start  string
		target time.Duration
		minus  [][2]string
		want   string
	}{
		{
			name: "lbh-8h-over-easter",
			why:  "Thu 2h, Good Friday and Easter Monday closed, Tue 08:00+6h",
			s:    lbhS, start: "2023-04-06T16:00:00+01:00", target: 8 * time.Hour,
			want: "2023-04-11T14:00:00+01:00",
		},
		{
			name: "lbh-50h-over-easter",
			why:  "Thu 2h, Tue-Fri 40h, Mon 17 08:00+8h",
			s:    lbhS, start: "2023-04-06T16:00:00+01:00", target: 50 * time.Hour,
			want: "2023-04-17T16:00:00+01:00",
		},
		{
			name: "lbh-lands-on-close",
			why:  "Mon 10:00+8h reaches the target exactly as the window closes: 18:00, not Tue 08:00",
			s:    lbhS, start: "2021-06-28T10:00:00+01:00", target: 8 * time.Hour,
			want: "2021-06-28T18:00:00+01:00",
		},
		{
			// The brief that specified this package gave Tue 17:00 here. With
			// LBH as specified (08:00-18:00) that is 10 business hours: Fri
			// 17:00-18:00 is 1h, 31 May is closed, and the other 7h end at Tue
			// 15:00.
			name: "lbh-8h-over-spring-bank-holiday",
			why:  "Fri 1h, Sat, Sun and Mon 31 May closed, Tue 08:00+7h",
			s:    lbhS, start: "2021-05-28T17:00:00+01:00", target: 8 * time.Hour,
			want: "2021-06-01T15:00:00+01:00",
		},
		{
			name: "lbh-start-in-closed-time",
			why:  "logged Sat: the clock starts at Mon 08:00",
			s:    lbhS, start: "2023-03-04T11:00:00Z", target: 2 * time.Hour,
			want: "2023-03-06T10:00:00Z",
		},
		{
			name: "zero-target",
			why:  "a zero target is met at once, even in closed time",
			s:    lbhS, start: "2023-03-04T11:00:00Z", target: 0,
			want: "2023-03-04T11:00:00Z",
		},
		{
			name: "c24-with-pause",
			why:  "1h before the pause, 3h paused, 1h30m after",
			s:    c24S, start: "2023-06-12T09:00:00+01:00", target: 2*time.Hour + 30*time.Minute,
			minus: [][2]string{{"2023-06-12T10:00:00+01:00", "2023-06-12T13:00:00+01:00"}},
			want:  "2023-06-12T14:30:00+01:00",
		},
		{
			name: "c24-pause-covering-start",
			why:  "paused from before start until 10:00; then 1h",
			s:    c24S, start: "2023-06-12T09:00:00+01:00", target: time.Hour,
			minus: [][2]string{{"2023-06-12T08:00:00+01:00", "2023-06-12T10:00:00+01:00"}},
			want:  "2023-06-12T11:00:00+01:00",
		},
		{
			name: "c24-target-met-at-pause-start",
			why:  "exactly 1h before the pause: the deadline is the pause's start",
			s:    c24S, start: "2023-06-12T09:00:00+01:00", target: time.Hour,
			minus: [][2]string{{"2023-06-12T10:00:00+01:00", "2023-06-12T13:00:00+01:00"}},
			want:  "2023-06-12T10:00:00+01:00",
		},
		{
			name: "c24-across-fall-back",
			why:  "25 real hours from 00:00 BST end at 00:00 GMT next day",
			s:    c24S, start: "2023-10-29T00:00:00+01:00", target: 25 * time.Hour,
			want: "2023-10-30T00:00:00Z",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var minus []servicehours.Interval
			for _, p := range tt.minus {
				minus = append(minus, pause(t, p[0], p[1]))
			}
			start := inst(t, tt.start)
			got, err := tt.s.Deadline(start, tt.target, minus)
			if err != nil {
				t.Fatal(err)
			}
			if want := inst(t, tt.want); !got.Equal(want) {
				t.Errorf("Deadline = %v, want %v (%s)", got, want, tt.why)
			}
			if got.Location() != london {
				t.Errorf("Deadline location = %v, want Europe/London", got.Location())
			}
			if e := tt.s.Elapsed(start, got, minus); e != tt.target {
				t.Errorf("Elapsed(start, Deadline) = %v, want %v", e, tt.target)
			}
		})
	}
}

func TestDeadlineErrors(t *testing.T) {
	s := lbh(t)
	tests := []struct {
		name   string
		start  time.Time
		target time.Duration
		want   error
		msg    string
	}{
		{
			name: "negative-target", start: inst(t, "2023-04-06T16:00:00+01:00"), target: -time.Hour,
			want: servicehours.ErrInvalidTarget, msg: "deadline: target -1h0m0s is negative",
		},
		{
			name: "start-before-range", start: inst(t, "1850-01-01T00:00:00Z"), target: time.Hour,
			want: servicehours.ErrOutOfRange, msg: "deadline: start 1850-01-01T00:00:00Z outside years 1900..2199",
		},
		{
			name: "beyond-range", start: inst(t, "2199-12-31T17:00:00Z"), target: 100 * time.Hour,
			want: servicehours.ErrOutOfRange, msg: "deadline: target 100h0m0s from 2199-12-31T17:00:00Z not reached by the end of 2199",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Deadline(tt.start, tt.target, nil)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if err.Error() != tt.msg {
				t.Errorf("message\n got %s\nwant %s", err, tt.msg)
			}
		})
	}
}

func TestWorkingDays(t *testing.T) {
	s := lbh(t)
	tests := []struct {
		name string
		why  string
		from string
		n    int
		want string
	}{
		{name: "easter-5", why: "Good Friday, weekend and Easter Monday skipped", from: "2023-04-06", n: 5, want: "2023-04-17"},
		{name: "zero", why: "n = 0 is the date itself", from: "2023-04-07", n: 0, want: "2023-04-07"},
		{name: "backwards", why: "the working day before Easter Tuesday is Maundy Thursday", from: "2023-04-11", n: -1, want: "2023-04-06"},
		{name: "from-holiday", why: "from a closed date the first working day is the next open one", from: "2022-09-19", n: 1, want: "2022-09-20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.AddWorkingDays(kpi.MustParseDate(tt.from), tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != tt.want {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s (%s)", tt.from, tt.n, got, tt.want, tt.why)
			}
		})
	}
	for _, c := range []struct {
		date string
		want bool
	}{{"2023-04-06", true}, {"2023-04-07", false}, {"2023-04-08", false}, {"2023-04-10", false}, {"2023-04-11", true}, {"2022-09-19", false}} {
		if got := s.IsWorkingDay(kpi.MustParseDate(c.date)); got != c.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", c.date, got, c.want)
		}
	}
	if _, err := s.AddWorkingDays(kpi.Date{}, 1); !errors.Is(err, servicehours.ErrOutOfRange) {
		t.Errorf("AddWorkingDays(zero date) error = %v, want ErrOutOfRange", err)
	}
}

func TestDaylightSaving(t *testing.T) {
	s := c24(t)
	for _, tt := range []struct {
		name string
		date string
		want time.Duration
	}{
		{name: "spring-forward", date: "2023-03-26", want: 23 * time.Hour},
		{name: "fall-back", date: "2023-10-29", want: 25 * time.Hour},
		{name: "ordinary", date: "2023-06-12", want: 24 * time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.OpenTime(kpi.MustParseDate(tt.date)); got != tt.want {
				t.Errorf("OpenTime(%s) = %v, want %v", tt.date, got, tt.want)
			}
		})
	}

	// Bounds in the gap and the overlap, through a calendar whose Sunday
	// window is 01:30-03:00.
	var wk servicehours.Week
	wk[time.Sunday] = []servicehours.Window{servicehours.MustParseWindow("01:30-03:00")}
	night := mustNew(t, servicehours.Calendar{Location: london, Weekly: wk})
	for _, tt := range []struct {
		name      string
		date      string
		wantStart string
		wantLen   time.Duration
	}{
		{name: "open-in-gap", date: "2023-03-26", wantStart: "2023-03-26T02:00:00+01:00", wantLen: time.Hour},
		{name: "open-in-overlap", date: "2023-10-29", wantStart: "2023-10-29T01:30:00+01:00", wantLen: 2*time.Hour + 30*time.Minute},
		{name: "open-ordinary", date: "2023-06-11", wantStart: "2023-06-11T01:30:00+01:00", wantLen: 90 * time.Minute},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := kpi.MustParseDate(tt.date)
			from := night.At(d, servicehours.Midnight)
			to := night.At(d.AddDays(1), servicehours.Midnight)
			got := slices.Collect(night.OpenIntervals(from, to))
			if len(got) != 1 {
				t.Fatalf("OpenIntervals = %v, want one interval", got)
			}
			if want := inst(t, tt.wantStart); !got[0].Start.Equal(want) {
				t.Errorf("opens %v, want %v", got[0].Start, want)
			}
			if l := got[0].End.Sub(got[0].Start); l != tt.wantLen {
				t.Errorf("open for %v, want %v", l, tt.wantLen)
			}
		})
	}

	// At directly.
	for _, tt := range []struct {
		name, date, clock, want string
	}{
		{name: "at-gap-start", date: "2023-03-26", clock: "01:00", want: "2023-03-26T02:00:00+01:00"},
		{name: "at-gap-middle", date: "2023-03-26", clock: "01:30", want: "2023-03-26T02:00:00+01:00"},
		{name: "at-after-gap", date: "2023-03-26", clock: "02:00", want: "2023-03-26T02:00:00+01:00"},
		{name: "at-overlap-first", date: "2023-10-29", clock: "01:30", want: "2023-10-29T01:30:00+01:00"},
		{name: "at-after-overlap", date: "2023-10-29", clock: "02:00", want: "2023-10-29T02:00:00Z"},
		{name: "at-end-of-day", date: "2023-03-25", clock: "24:00", want: "2023-03-26T00:00:00Z"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := s.At(kpi.MustParseDate(tt.date), servicehours.MustParseClock(tt.clock))
			if want := inst(t, tt.want); !got.Equal(want) {
				t.Errorf("At(%s, %s) = %v, want %v", tt.date, tt.clock, got, want)
			}
		})
	}
}

func TestOverrides(t *testing.T) {
	cal := lbhCalendar(t)
	christmasEve := kpi.MustParseDate("2021-12-24")
	cal.Overrides = []servicehours.Override{
		{Date: christmasEve, Windows: []servicehours.Window{servicehours.MustParseWindow("08:00-13:00")}},
		{Date: kpi.MustParseDate("2021-12-31")}, // closed
		{Date: kpi.MustParseDate("2022-09-19"), Windows: []servicehours.Window{servicehours.MustParseWindow("10:00-12:00")}},
	}
	s := mustNew(t, cal)
	for _, tt := range []struct {
		name string
		why  string
		date string
		want time.Duration
	}{
		{name: "christmas-eve", why: "08:00-13:00 replaces 08:00-18:00", date: "2021-12-24", want: 5 * time.Hour},
		{name: "new-years-eve", why: "an override with no windows closes the date", date: "2021-12-31", want: 0},
		{name: "override-beats-holiday", why: "an override wins over a closed date", date: "2022-09-19", want: 2 * time.Hour},
		{name: "ordinary-day", why: "no override", date: "2021-12-23", want: 10 * time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.OpenTime(kpi.MustParseDate(tt.date)); got != tt.want {
				t.Errorf("OpenTime(%s) = %v, want %v (%s)", tt.date, got, tt.want, tt.why)
			}
		})
	}
}

func TestClosedIf(t *testing.T) {
	cal := servicehours.TwentyFourSeven(london)
	cal.ClosedIf = func(d kpi.Date) bool { return d.Month() == time.December && d.Day() == 25 }
	s := mustNew(t, cal)
	got := s.Elapsed(inst(t, "2023-12-24T12:00:00Z"), inst(t, "2023-12-26T12:00:00Z"), nil)
	if want := 24 * time.Hour; got != want {
		t.Errorf("Elapsed over Christmas Day = %v, want %v", got, want)
	}
}

func TestVersions(t *testing.T) {
	hols := bankHolidays(t, "england-and-wales")
	v1 := servicehours.Calendar{Location: london, Weekly: weekdays("08:00-18:00"), Closed: hols}
	v2 := servicehours.Calendar{Location: london, Weekly: weekdays("08:00-17:00"), Closed: hols}
	versioned, err := servicehours.NewVersioned(servicehours.Versioned{
		{From: kpi.MustParseDate("2023-01-01"), Calendar: v2}, // listed first on purpose
		{From: kpi.MustParseDate("2015-04-01"), Calendar: v1},
	})
	if err != nil {
		t.Fatal(err)
	}
	original := mustNew(t, v1)
	for _, tt := range []struct {
		name     string
		why      string
		from, to string
		want     time.Duration
	}{
		{name: "december-2022", why: "the 2023 edit does not reach back", from: "2022-12-01T00:00:00Z", to: "2023-01-01T00:00:00Z", want: original.Elapsed(inst(t, "2022-12-01T00:00:00Z"), inst(t, "2023-01-01T00:00:00Z"), nil)},
		{name: "december-2022-hours", why: "20 working days (26, 27 Dec closed) of 10h", from: "2022-12-01T00:00:00Z", to: "2023-01-01T00:00:00Z", want: 200 * time.Hour},
		{name: "january-2023", why: "21 working days (2 Jan closed) of 9h", from: "2023-01-01T00:00:00Z", to: "2023-02-01T00:00:00Z", want: 189 * time.Hour},
		{name: "across-edit", why: "Fri 30 Dec 10h, then Tue 3 Jan 9h", from: "2022-12-30T00:00:00Z", to: "2023-01-04T00:00:00Z", want: 19 * time.Hour},
		{name: "before-first-version", why: "no calendar in force before 2015-04-01", from: "2015-03-01T00:00:00Z", to: "2015-04-01T00:00:00+01:00", want: 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := versioned.Elapsed(inst(t, tt.from), inst(t, tt.to), nil); got != tt.want {
				t.Errorf("Elapsed = %v, want %v (%s)", got, tt.want, tt.why)
			}
		})
	}
}

func TestOpenIntervals(t *testing.T) {
	var wk servicehours.Week
	// An overnight shift: Mon 22:00-24:00 and Tue 00:00-06:00 join.
	wk[time.Monday] = []servicehours.Window{servicehours.MustParseWindow("22:00-24:00"), servicehours.MustParseWindow("09:00-12:00")}
	wk[time.Tuesday] = []servicehours.Window{servicehours.MustParseWindow("00:00-06:00")}
	s := mustNew(t, servicehours.Calendar{Location: london, Weekly: wk})
	got := slices.Collect(s.OpenIntervals(inst(t, "2023-06-12T10:00:00+01:00"), inst(t, "2023-06-13T05:00:00+01:00")))
	want := []servicehours.Interval{
		pause(t, "2023-06-12T10:00:00+01:00", "2023-06-12T12:00:00+01:00"),
		pause(t, "2023-06-12T22:00:00+01:00", "2023-06-13T05:00:00+01:00"),
	}
	if len(got) != len(want) {
		t.Fatalf("OpenIntervals = %v, want %v", got, want)
	}
	for i := range got {
		if !got[i].Start.Equal(want[i].Start) || !got[i].End.Equal(want[i].End) {
			t.Errorf("interval %d = %v, want %v", i, got[i], want[i])
		}
	}
	// Stopping early is allowed.
	for range s.OpenIntervals(inst(t, "2023-06-12T00:00:00Z"), inst(t, "2023-07-12T00:00:00Z")) {
		break
	}
}

func TestConcurrentUse(t *testing.T) {
	s := lbh(t)
	start := inst(t, "2023-04-06T16:00:00+01:00")
	done := make(chan time.Duration)
	for i := range 8 {
		go func() {
			to := start.Add(time.Duration(i) * 24 * time.Hour * 30)
			done <- s.Elapsed(start, to, nil)
		}()
	}
	for range 8 {
		<-done
	}
}
