extension DataBottleneckDetector {
    /// One stretch of buckets breaking the rule, with the single buckets between them that
    /// keep it.
    struct Stretch {
        var first: TimedMeanBucket
        var last: TimedMeanBucket
        /// Points in buckets breaking the rule.
        var points = 0
        /// Points in buckets inside the stretch that keep the rule.
        var tolerated = 0
        var dataSum = 0.0
        var computeSum = 0.0
        var buckets = 0
        var worst = 0.0

        /// Adds the next bucket, with `work` seconds of compute.
        mutating func add(_ bucket: TimedMeanBucket, work: Double, breaksRule: Bool) {
            last = bucket
            if breaksRule { points += bucket.count } else { tolerated += bucket.count }
            dataSum += bucket.mean
            computeSum += work
            buckets += 1
            if breaksRule { worst = max(worst, bucket.mean / work) }
        }
    }

    /// Finds the stretches in buckets taken in step order. One bucket keeping the rule
    /// between two that break it does not end a stretch, as a noisy point in a stall
    /// should not split it or delay its start; two in a row do. A stretch counts when
    /// `sustainPoints` of its points break the rule and its mean data time is above
    /// `factor` × its mean compute time.
    struct StretchScan {
        let settings: DataBottleneckSettings
        private(set) var found: [Stretch] = []
        private var current: Stretch?
        private var gap: (bucket: TimedMeanBucket, work: Double)?

        /// Creates a scan for `settings`.
        init(settings: DataBottleneckSettings) {
            self.settings = settings
        }

        /// Takes the next bucket, with `work` seconds of compute.
        mutating func take(_ bucket: TimedMeanBucket, work: Double) {
            let breaksRule =
                bucket.mean >= settings.minDataSeconds && bucket.mean / work > settings.factor
            guard breaksRule else {
                if current == nil || gap != nil { close() } else { gap = (bucket, work) }
                return
            }

            var stretch = current ?? Stretch(first: bucket, last: bucket)
            if let gap { stretch.add(gap.bucket, work: gap.work, breaksRule: false) }
            stretch.add(bucket, work: work, breaksRule: true)
            current = stretch
            gap = nil
        }

        /// Ends the stretch being built, keeping it when it counts.
        mutating func close() {
            if let stretch = current, stretch.points >= settings.sustainPoints,
                stretch.dataSum > settings.factor * stretch.computeSum
            {
                found.append(stretch)
            }
            current = nil
            gap = nil
        }
    }
}
