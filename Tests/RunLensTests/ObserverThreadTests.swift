import Foundation
import Testing

@testable import RunLens

/// Delivering the observer calls on a second thread changes nothing: every observer sees
/// the same calls in the same order, the reports are byte-identical to a run on one
/// thread, and neither side can leave the other waiting. The time limits catch a side left
/// waiting; they are minutes long because on two cores a test may wait that long behind the
/// suite's slow tests before it runs, and the limit counts that wait too.
struct ObserverThreadTests {
    static let outputs = ["report.md", "windows.csv", "ranks.csv", "incidents.csv", "summary.json"]

    /// Writes down every call it receives, as text.
    final class CallLog: SeriesObserver, RequestObserver {
        var calls: [String] = []

        func seriesCreated(_ descriptor: SeriesDescriptor) {
            calls.append("series \(descriptor.name) rank \(descriptor.rank ?? -1)")
        }

        func observe(series index: Int, point: Point) {
            calls.append("point \(index) \(point.step) \(point.value) line \(point.line)")
        }

        func observeRequest(_ request: RequestSample) {
            calls.append("request \(request.latencyMs) line \(request.line)")
        }

        func finish() {
            calls.append("finish")
        }
    }

    /// A log with two ranks, a resume, a duplicate, request records and a series that
    /// appears late.
    static let lines: [String] = {
        var lines: [String] = []
        for step in 1...40 {
            for rank in 0..<2 {
                lines.append(#"{"step": \#(step), "rank": \#(rank), "loss": \#(Double(step) / 8)}"#)
            }
            if step == 25 { lines.append(#"{"step": 20, "rank": 0, "loss": 9.5}"#) }
            if step == 30 { lines.append(lines[lines.count - 1]) }
            if step > 33 { lines.append(#"{"step": \#(step), "grad_norm": 1.5}"#) }
            if step % 10 == 0 {
                lines.append(#"{"latency_ms": \#(step * 3), "ttft_ms": 4, "status": "ok"}"#)
            }
        }
        return lines
    }()

    /// Feeds `lines` through an assembler with two observers and returns their calls.
    static func calls(_ lines: [String], thread batchPoints: Int?) -> [[String]] {
        let fields = FieldTable(matcher: RoleMatcher())
        let assembler = RunAssembler(fields: fields, holdBack: 4)
        let logs = [CallLog(), CallLog()]
        for log in logs {
            assembler.addObserver(log)
            assembler.addRequestObserver(log)
        }
        if let batchPoints { assembler.startObserverThread(batchPoints: batchPoints, depth: 2) }
        RunAssemblerTests.feed(lines, to: assembler, fields: fields)
        return logs.map(\.calls)
    }

    @Test(arguments: [1, 3, 64, 8192])
    func observersGetTheSameCallsOnTheObserverThread(batchPoints: Int) {
        let alone = Self.calls(Self.lines, thread: nil)
        let threaded = Self.calls(Self.lines, thread: batchPoints)

        // Series: loss of ranks 0 and 1, grad_norm, latency_ms, ttft_ms. Points: rank 0's
        // loss at steps 1-21, the resumed 20 and 26-40 (22-25 superseded); rank 1's 40
        // (its step 30 written twice counts once); grad_norm at 34-40; two values of each
        // of the 4 requests.
        #expect(alone[0].filter { $0.hasPrefix("series") }.count == 5)
        #expect(alone[0].filter { $0.hasPrefix("point") }.count == 21 + 16 + 40 + 7 + 8)
        #expect(alone[0].filter { $0.hasPrefix("request") }.count == 4)
        #expect(alone[0].last == "finish")
        #expect(threaded == alone)
    }

    @Test(.timeLimit(.minutes(10))) func stoppingTheThreadMidRunReturns() {
        let fields = FieldTable(matcher: RoleMatcher())
        let assembler = RunAssembler(fields: fields, holdBack: 0)
        let log = CallLog()
        assembler.addObserver(log)
        assembler.startObserverThread(batchPoints: 1, depth: 1)
        var builder = RecordBuilder(fields: fields)
        var scanner = JSONScanner()
        for step in 1...200 {
            builder.begin()
            let bytes = Array(#"{"step": \#(step), "loss": 1}"#.utf8)
            _ = bytes.withUnsafeBytes { scanner.scanRecord($0, visitor: &builder) }
            assembler.add(builder.record, file: 0, line: step, fileRank: nil)
        }
        assembler.stopObserverThread()

        // Whatever was delivered came in order and the run's end was never announced.
        #expect(log.calls.count <= 201)
        #expect(!log.calls.contains("finish"))
    }

    @Test(.timeLimit(.minutes(10))) func cancellingWakesAProducerWaitingOnAFullQueue() {
        let queue = BatchQueue(depth: 1)
        var first = ObserverBatch()
        first.points.append(CommittedPoint(series: 0, point: Self.point(1)))
        #expect(queue.push(&first))
        #expect(first.isEmpty)

        let pushed = Locked<Bool?>(nil)
        let producer = Thread {
            var second = ObserverBatch()
            second.points.append(CommittedPoint(series: 0, point: Self.point(2)))
            pushed.set(queue.push(&second))
        }
        producer.start()
        Thread.sleep(forTimeInterval: 0.05)
        #expect(pushed.get() == nil)

        queue.cancel()
        #expect(Self.wait { pushed.get() != nil })
        #expect(pushed.get() == false)
        #expect(queue.pop() == nil)
    }

    @Test(.timeLimit(.minutes(10))) func endingTheInputLetsTheConsumerDrainThenStop() {
        let queue = BatchQueue(depth: 3)
        for step in 1...3 {
            var batch = ObserverBatch()
            batch.points.append(CommittedPoint(series: 0, point: Self.point(Double(step))))
            #expect(queue.push(&batch))
        }
        queue.endInput()
        var batch = ObserverBatch()
        #expect(!queue.push(&batch))

        var steps: [Double] = []
        while let batch = queue.pop() {
            steps += batch.points.map(\.point.step)
            queue.recycle(batch)
        }
        #expect(steps == [1, 2, 3])
    }

    @Test(.timeLimit(.minutes(10))) func aConsumerWaitingOnAnEmptyQueueWakesAtTheEnd() {
        let queue = BatchQueue(depth: 2)
        let popped = Locked<Int?>(nil)
        let consumer = Thread {
            var count = 0
            while queue.pop() != nil { count += 1 }
            popped.set(count)
        }
        consumer.start()
        var batch = ObserverBatch()
        batch.mark(.finish)
        #expect(queue.push(&batch))
        queue.endInput()

        #expect(Self.wait { popped.get() != nil })
        #expect(popped.get() == 1)
    }

    @Test(arguments: ["cases", "corpus", "corpus-compressed", "bad", "input", "serving"])
    func reportsAreByteIdenticalOnOneThreadAndTwo(folder: String) throws {
        let input = BinaryRunner.fixture(folder)
        for chunk in ["1048576", "7", "65537"] {
            let script = """
                RUNLENS_THREADS=1 "$RUNLENS" analyze '\(input)' -q --chunk-size \(chunk) \
                -o one > one.out 2> one.err; echo $? > one.status
                RUNLENS_THREADS=2 "$RUNLENS" analyze '\(input)' -q --chunk-size \(chunk) \
                -o two > two.out 2> two.err; echo $? > two.status
                """
            let run = try ProcessProbe.shell(script, timeout: 300)
            let folder = run.directory
            defer { try? FileManager.default.removeItem(at: folder) }
            #expect(!run.timedOut)

            for name in ["status", "err"] {
                #expect(Self.bytes(folder, "one.\(name)") == Self.bytes(folder, "two.\(name)"))
            }
            for name in Self.outputs {
                let one = Self.bytes(folder, "one/\(name)")
                #expect(!one.isEmpty, "\(folder) \(name)")
                #expect(one == Self.bytes(folder, "two/\(name)"), "\(name), chunk \(chunk)")
            }
        }
    }

    @Test func aLargeLogGivesByteIdenticalReportsOnOneThreadAndTwo() throws {
        // Enough points for many full batches, with a rank that resumes and values that
        // are not finite.
        var text = ""
        for step in 1...6000 {
            for rank in 0..<4 {
                let loss = step % 997 == 0 ? "NaN" : String(2 + Double((step * 7 + rank) % 13) / 10)
                text += #"{"step": \#(step), "rank": \#(rank), "loss": \#(loss), "#
                text += #""grad_norm": \#(Double(step % 31) / 3), "step_time": 0.4}"# + "\n"
            }
            if step == 3000 { text += #"{"step": 2900, "rank": 1, "loss": 2.5}"# + "\n" }
        }
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("large.jsonl").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))

        let script = """
            RUNLENS_THREADS=1 "$RUNLENS" analyze '\(path)' -q -o one > /dev/null
            RUNLENS_THREADS=2 "$RUNLENS" analyze '\(path)' -q -o two > /dev/null
            """
        let run = try ProcessProbe.shell(script, timeout: 300)
        defer { try? FileManager.default.removeItem(at: run.directory) }
        for name in Self.outputs {
            let one = Self.bytes(run.directory, "one/\(name)")
            #expect(!one.isEmpty, "\(name)")
            #expect(one == Self.bytes(run.directory, "two/\(name)"), "\(name)")
        }
    }

    static func point(_ step: Double) -> Point {
        Point(step: step, time: .nan, value: step, line: Int32(step), file: 0)
    }

    static func bytes(_ folder: URL, _ name: String) -> Data {
        (try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data()
    }

    /// Waits up to five seconds for `condition`.
    static func wait(_ condition: () -> Bool) -> Bool {
        for _ in 0..<500 {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return condition()
    }
}

/// A value shared between a test and a thread it started.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func get() -> Value {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func set(_ newValue: Value) {
        lock.lock()
        value = newValue
        lock.unlock()
    }
}
