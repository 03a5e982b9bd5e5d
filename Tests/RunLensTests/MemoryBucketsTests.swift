import Testing

@testable import RunLens

struct MemoryBucketsTests {
    static func descriptor(rank: Int32) -> SeriesDescriptor {
        SeriesDescriptor(
            key: SeriesKey(field: 0, rank: rank, device: -1),
            info: FieldInfo(rawName: "gpu_memory_allocated", matcher: RoleMatcher()), axis: .step)
    }

    static func feed(_ buckets: inout MemoryBuckets, points: Range<Int>) {
        for step in points {
            let point = Point(step: Double(step), time: .nan, value: 1, line: 1, file: 0)
            buckets.add(Double(step), at: point)
        }
    }

    // 256 points fill 256 buckets of one point; at most 64 merges neighbours twice: 64
    // buckets of 4 points, the first holding values 0…3 (sum 6).
    @Test func limitMergesNeighboursUntilTheBucketsFit() {
        var buckets = MemoryBuckets()
        Self.feed(&buckets, points: 0..<256)
        #expect(buckets.buckets.count == 256)

        buckets.limit(to: 64)

        #expect(buckets.cap == 64)
        #expect(buckets.pointsPerBucket == 4)
        #expect(buckets.buckets.count == 64)
        #expect(buckets.buckets[0].sum == 6)
        #expect(buckets.buckets.allSatisfy { $0.count == 4 })
    }

    // The 257th point finds 256 full buckets of one point: they merge into 128 of two, and
    // the point opens bucket 128, which point 257 joins; 300 points end in 150 buckets of
    // two, bucket 128 holding 256 and 257 (sum 513).
    @Test func aFullSetOfBucketsMergesBeforeTheNextOpens() {
        var buckets = MemoryBuckets()
        Self.feed(&buckets, points: 0..<300)

        #expect(buckets.pointsPerBucket == 2)
        #expect(buckets.buckets.count == 150)
        #expect(buckets.buckets.allSatisfy { $0.count == 2 })
        #expect(buckets.buckets[0].sum == 1)
        let opened = buckets.buckets[128]
        #expect(opened.sum == 513)
        #expect(opened.minimum == 256)
        #expect(opened.maximum == 257)
        #expect(opened.firstStep == 256)
        #expect(opened.lastStep == 257)
    }

    // 256 buckets each for up to 128 series; 300 series get 64 (halved at 129 and 257). 1,000
    // points in at most 64 buckets take 16 points a bucket (8 would need 125 buckets):
    // 1,000 / 16 = 62.5, so 63 buckets, the last with 8.
    // One memory series a rank: by number, 128 series keep 256 buckets each; by rank, past 32
    // ranks the share halves as the ranks double: 33 to 64 ranks 128, 65 to 128 ranks 64.
    @Test(arguments: [(32, 256), (33, 128), (64, 128), (65, 64), (128, 64)])
    func theDetectorSharesBucketsByRankPastThirtyTwo(_ ranks: Int, _ cap: Int) throws {
        let detector = MemoryGrowthDetector()
        for rank in 0..<ranks { detector.seriesCreated(Self.descriptor(rank: Int32(rank))) }

        for index in 0..<ranks {
            #expect(try #require(detector.memory[index]).buckets.cap == cap)
        }
    }

    @Test func manySeriesShareTheBuckets() throws {
        var memory = SeriesStates<MemorySeries>()
        for rank in 0..<300 {
            memory.append(
                MemorySeries(descriptor: Self.descriptor(rank: Int32(rank))),
                sharing: MemoryBuckets.budget)
        }
        for index in 0..<300 {
            memory.update(index) { series in
                for step in 0..<1_000 {
                    series.add(
                        Point(step: Double(step), time: .nan, value: 30, line: 1, file: 0))
                }
            }
        }

        for index in 0..<300 {
            let buckets = try #require(memory[index]).buckets
            #expect(buckets.cap == 64)
            #expect(buckets.pointsPerBucket == 16)
            #expect(buckets.buckets.count == 63)
        }
    }
}
