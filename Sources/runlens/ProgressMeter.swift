import RunLens

/// Shows reading progress on standard error: only on a terminal, only once reading has
/// taken a second, redrawn at most four times a second, erased when done.
final class ProgressMeter {
    private let enabled: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant?

    /// A meter that draws only when `enabled` (standard error is a terminal, not `--quiet`).
    init(enabled: Bool) {
        self.enabled = enabled
        start = clock.now
    }

    /// Notes that `bytes` of `total` have been read; redraws when due.
    func update(bytes: Int64, total: Int64?) {
        guard enabled else { return }
        let now = clock.now
        let elapsed = now - start
        guard elapsed >= .seconds(1) else { return }
        if let lastDrawn, now - lastDrawn < .milliseconds(250) { return }
        lastDrawn = now
        let line = ProgressText.line(bytes: bytes, total: total, seconds: Self.seconds(elapsed))
        Console.raw("\r" + line + "\u{1B}[K")
    }

    /// Erases the line, if one was drawn.
    func finish() {
        if lastDrawn != nil { Console.raw("\r\u{1B}[K") }
        lastDrawn = nil
    }

    /// Seconds since the meter was made.
    var elapsedSeconds: Double { Self.seconds(clock.now - start) }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
