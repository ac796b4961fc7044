package loader

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"
)

// Progress is told how a load is going: Update every Every() while it runs
// (from one goroutine), Finish once at the end.
type Progress interface {
	Every() time.Duration
	Update(Snapshot)
	Finish(Snapshot)
}

// Snapshot is the state of a running load.
type Snapshot struct {
	Read, Loaded, Unchanged, Failed int64
	Bytes                           int64 // input bytes consumed (decompressed)
	TotalBytes                      int64 // sum of input file sizes, 0 when unknown (stdin)
	Elapsed                         time.Duration
	// Spooled is, once phase 2 of a two-phase load has begun (see the
	// package doc on person keys), the number of cables it writes or finds
	// unchanged; 0 otherwise. Phase2 is how long phase 2 has been running.
	// Fraction and ETA then measure phase 2, a second, quicker stage.
	Spooled int64
	Phase2  time.Duration
}

// Done is the number of cables written or found unchanged.
func (s Snapshot) Done() int64 { return s.Loaded + s.Unchanged }

// Rate is cables done per second.
func (s Snapshot) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Done()) / s.Elapsed.Seconds()
}

// ReadRate is records read per second; it moves smoothly while Rate waits
// for whole batches to be written.
func (s Snapshot) ReadRate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Read) / s.Elapsed.Seconds()
}

// MBps is input megabytes consumed per second.
func (s Snapshot) MBps() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Bytes) / 1e6 / s.Elapsed.Seconds()
}

// Fraction is the share of input bytes consumed, in [0, 1], and whether it
// is known. Compressed inputs make it approximate (bytes are counted after
// decompression), so it is capped below 1 until the load finishes.
func (s Snapshot) Fraction() (float64, bool) {
	if s.Spooled > 0 {
		return min(float64(s.Done())/float64(s.Spooled), 0.99), true
	}
	if s.TotalBytes <= 0 {
		return 0, false
	}
	return min(float64(s.Bytes)/float64(s.TotalBytes), 0.99), true
}

// ETA estimates the time left from the byte fraction.
func (s Snapshot) ETA() (time.Duration, bool) {
	f, ok := s.Fraction()
	if !ok || f <= 0 {
		return 0, false
	}
	if s.Spooled > 0 {
		return time.Duration(float64(s.Phase2) * (1 - f) / f), true
	}
	return time.Duration(float64(s.Elapsed) * (1 - f) / f), true
}

func (c *counters) snapshot(total int64, start time.Time) Snapshot {
	s := Snapshot{
		Read: c.read.Load(), Loaded: c.loaded.Load(), Unchanged: c.unchanged.Load(), Failed: c.failed.Load(),
		Bytes: c.bytes.Load(), TotalBytes: total, Elapsed: time.Since(start),
	}
	if p2 := c.phase2.Load(); p2 != 0 {
		s.Spooled = c.spooled.Load()
		s.Phase2 = time.Since(time.Unix(0, p2))
	}
	return s
}

// startProgress runs p.Update every p.Every() until the returned func is
// called.
func startProgress(p Progress, c *counters, total int64, start time.Time) (stop func()) {
	if p == nil || p.Every() <= 0 {
		return func() {}
	}
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(p.Every())
		defer t.Stop()
		for {
			select {
			case <-t.C:
				p.Update(c.snapshot(total, start))
			case <-quit:
				return
			}
		}
	})
	return func() {
		close(quit)
		wg.Wait()
	}
}

// IsTerminal reports whether f is a character device (a terminal), using
// only os.File.Stat.
func IsTerminal(f *os.File) bool {
	if f == nil {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// NewProgress returns a progress bar redrawn on one line when f is a
// terminal, and otherwise a reporter that logs a line every interval
// (default 5s).
func NewProgress(f *os.File, logger *slog.Logger, interval time.Duration) Progress {
	if IsTerminal(f) {
		return NewBar(f)
	}
	return NewLogProgress(logger, interval)
}

// Bar is a single-line progress bar redrawn with a carriage return.
type Bar struct {
	w     io.Writer
	width int // of the last line drawn, to blank it
}

// NewBar draws on w, which should be a terminal.
func NewBar(w io.Writer) *Bar { return &Bar{w: w} }

// Every implements Progress.
func (b *Bar) Every() time.Duration { return 250 * time.Millisecond }

// Update implements Progress.
func (b *Bar) Update(s Snapshot) { b.draw(s, false) }

// Finish implements Progress: draws the last state and ends the line.
func (b *Bar) Finish(s Snapshot) { b.draw(s, true) }

func (b *Bar) draw(s Snapshot, final bool) {
	line := BarLine(s, final)
	pad := ""
	if n := b.width - len(line); n > 0 {
		pad = fmt.Sprintf("%*s", n, "")
	}
	b.width = len(line)
	end := ""
	if final {
		end = "\n"
	}
	fmt.Fprintf(b.w, "\r%s%s%s", line, pad, end)
}

// BarLine renders the bar's text for a snapshot.
func BarLine(s Snapshot, final bool) string {
	const cells = 24
	f, known := s.Fraction()
	if final {
		f, known = 1, true
	}
	bar := ""
	if known {
		full := int(f * cells)
		for i := range cells {
			if i < full {
				bar += "#"
			} else {
				bar += "-"
			}
		}
		bar = fmt.Sprintf("[%s] %3.0f%% ", bar, f*100)
	}
	if s.Spooled > 0 && !final {
		bar += "resolved person keys, writing: "
	}
	line := fmt.Sprintf("%s%d read (%s/s, %.1f MB/s), %d stored (%d new, %d unchanged)",
		bar, s.Read, formatRate(s.ReadRate()), s.MBps(), s.Done(), s.Loaded, s.Unchanged)
	if eta, ok := s.ETA(); ok && !final {
		line += ", ETA " + eta.Round(time.Second).String()
	}
	if final {
		line += ", " + s.Elapsed.Round(time.Millisecond).String()
	}
	if s.Failed > 0 {
		line += fmt.Sprintf(", %d failed", s.Failed)
	}
	return line
}

// LogProgress logs a line every interval, for logs and pipes.
type LogProgress struct {
	log      *slog.Logger
	interval time.Duration
}

// NewLogProgress logs to logger (nil discards) every interval (0 means 5s).
func NewLogProgress(logger *slog.Logger, interval time.Duration) *LogProgress {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if interval <= 0 {
		interval = 5 * time.Second
	}
	return &LogProgress{log: logger, interval: interval}
}

// Every implements Progress.
func (p *LogProgress) Every() time.Duration { return p.interval }

// Update implements Progress.
func (p *LogProgress) Update(s Snapshot) { p.log.Info("loading", p.attrs(s, false)...) }

// Finish implements Progress.
func (p *LogProgress) Finish(s Snapshot) { p.log.Info("load finished", p.attrs(s, true)...) }

func (p *LogProgress) attrs(s Snapshot, final bool) []any {
	a := []any{
		"read", s.Read, "loaded", s.Loaded, "unchanged", s.Unchanged, "failed", s.Failed,
		"cables_per_s", formatRate(s.Rate()), "mb_per_s", fmt.Sprintf("%.2f", s.MBps()),
		"elapsed", s.Elapsed.Round(time.Second).String(),
	}
	if final {
		return a
	}
	if s.Spooled > 0 {
		a = append(a, "phase", "2 (resolved person keys, writing)")
	}
	if f, ok := s.Fraction(); ok {
		a = append(a, "percent", fmt.Sprintf("%.0f", f*100))
	}
	if eta, ok := s.ETA(); ok {
		a = append(a, "eta", eta.Round(time.Second).String())
	}
	return a
}

// formatRate keeps a decimal for slow rates, so that 0.4 cables/s does not
// read as 0.
func formatRate(r float64) string {
	if r < 10 {
		return fmt.Sprintf("%.1f", r)
	}
	return fmt.Sprintf("%.0f", r)
}
