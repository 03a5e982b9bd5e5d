/// The latest training steps of a stream, at most `capacity` of them, oldest first: the
/// newest ones that go up (or down) evenly are kept as one run (its first step, spacing and
/// length), the older ones in a ring of steps.
///
/// Nearly every stream logs evenly spaced steps, so its steps take a few numbers rather
/// than `capacity` of them (32 KiB at 4,096); a stream whose steps are uneven fills the
/// ring and takes no more than a plain ring would. A step joins the run only when the run's
/// formula gives it back bit for bit, so every step reads back exactly as it was added.
struct RecentSteps {
    /// The most steps kept; older ones are forgotten.
    let capacity: Int
    /// The steps before the run, oldest first, from `head` on around `ring`.
    private var ring: [Double] = []
    private var head = 0
    private var ringCount = 0
    /// The run: step `k` of it, from `dropped` on, is `origin + (dropped + k) × spacing`.
    private var origin = 0.0
    private var spacing = 0.0
    private var dropped = 0
    private var runCount = 0

    /// Creates an empty list of at most `capacity` steps (at least 1).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The number of steps kept.
    var count: Int { ringCount + runCount }

    /// Adds `step` after the others, forgetting the oldest when `capacity` are kept.
    @inline(__always)
    mutating func append(_ step: Double) {
        if count == capacity { dropOldest() }
        if runCount > 1, continuesRun(step) {
            runCount += 1
        } else {
            appendOutsideRun(step)
        }
    }

    /// Keeps only the steps below `step`, in their order.
    mutating func removeAll(from step: Double) {
        var kept = 0
        var first = runCount
        var last = -1
        for offset in 0..<runCount where runStep(offset) < step {
            kept += 1
            first = min(first, offset)
            last = offset
        }
        if kept == 0 {
            runCount = 0
        } else if last - first + 1 == kept {
            // The usual case: the run's steps go one way, so those kept are its start or end.
            dropped += first
            runCount = kept
        } else {
            for offset in 0..<runCount { pushRing(runStep(offset)) }
            runCount = 0
        }
        keepRing { $0 < step }
    }

    /// Calls `body` on each of the latest `limit` steps (or all, when fewer), newest first.
    @inline(__always)
    func forEachLatest(_ limit: Int, _ body: (Double) -> Void) {
        var left = min(limit, count)
        var offset = runCount
        while left > 0, offset > 0 {
            offset -= 1
            body(runStep(offset))
            left -= 1
        }
        var index = ringCount
        while left > 0, index > 0 {
            index -= 1
            body(ringStep(index))
            left -= 1
        }
    }

    /// Forgets every step and gives back the ring's room.
    mutating func release() {
        ring = []
        head = 0
        ringCount = 0
        runCount = 0
    }

    /// Whether `step` is, bit for bit, the next step of the run.
    @inline(__always)
    private func continuesRun(_ step: Double) -> Bool {
        Self.step(origin, dropped + runCount, spacing).bitPattern == step.bitPattern
    }

    /// The step `offset` places into the run.
    private func runStep(_ offset: Int) -> Double {
        Self.step(origin, dropped + offset, spacing)
    }

    /// The step `index` places into the ring.
    private func ringStep(_ index: Int) -> Double {
        let slot = head + index
        return ring[slot < ring.count ? slot : slot - ring.count]
    }

    /// Step `n` of a run from `origin` by `spacing`; the first is `origin` itself.
    @inline(__always)
    private static func step(_ origin: Double, _ n: Int, _ spacing: Double) -> Double {
        n == 0 ? origin : origin + Double(n) * spacing
    }

    /// Adds a step that does not continue a run of two or more held: the second step of a
    /// run sets its spacing, if the run's formula then gives it back; a run that is down to
    /// one step held keeps its spacing; otherwise the run moves into the ring and the step
    /// starts a new one.
    @inline(never)
    private mutating func appendOutsideRun(_ step: Double) {
        if runCount == 1, dropped > 0, continuesRun(step) {
            runCount += 1
            return
        }
        if runCount == 1, dropped == 0 {
            let rise = step - origin
            if Self.step(origin, 1, rise).bitPattern == step.bitPattern {
                spacing = rise
                runCount = 2
                return
            }
        }
        for offset in 0..<runCount { pushRing(runStep(offset)) }
        origin = step
        spacing = 0
        dropped = 0
        runCount = 1
    }

    /// Forgets the oldest step: the ring's first, else the run's.
    private mutating func dropOldest() {
        if ringCount > 0 {
            head = head + 1 == ring.count ? 0 : head + 1
            ringCount -= 1
        } else if runCount > 0 {
            dropped += 1
            runCount -= 1
        }
    }

    /// Adds `step` at the ring's end; the ring has room for `capacity` less the run.
    private mutating func pushRing(_ step: Double) {
        if ringCount == ring.count { growRing() }
        let slot = head + ringCount
        ring[slot < ring.count ? slot : slot - ring.count] = step
        ringCount += 1
    }

    /// Moves the ring's steps, oldest first, into one twice as large (at most `capacity`).
    private mutating func growRing() {
        var larger = (0..<ringCount).map(ringStep)
        let room = min(capacity, max(16, ring.count * 2))
        larger += repeatElement(0, count: room - ringCount)
        ring = larger
        head = 0
    }

    /// Keeps the ring's steps that `isKept` picks, in order.
    private mutating func keepRing(_ isKept: (Double) -> Bool) {
        let kept = (0..<ringCount).map(ringStep).filter(isKept)
        for index in kept.indices { ring[index] = kept[index] }
        head = 0
        ringCount = kept.count
    }
}
