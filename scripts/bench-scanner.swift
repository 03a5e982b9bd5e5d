// Micro-benchmark of JSONScanner on JSON Lines held in memory (#8).
//
// Build and run by hand from the repository root:
//
//   P=Sources/RunLens/Parse
//   swiftc -Ounchecked -wmo -parse-as-library -module-name RunLens scripts/bench-scanner.swift \
//       $P/FieldVisitor.swift $P/JSONScanner.swift $P/JSONScanResult.swift \
//       $P/JSONSyntaxError.swift $P/JSONEvent.swift $P/JSONCollector.swift \
//       $P/JSONCollector+Scan.swift $P/JSONCollector+Scalars.swift \
//       $P/JSONCollector+Strings.swift $P/JSONCollector+Replay.swift $P/NumberParser.swift \
//       $P/NumberParser+Scan.swift $P/NumberParser+Convert.swift $P/DecimalWriter.swift \
//       $P/PowersOfFive.swift -o .build/bench-scanner
//   .build/bench-scanner [file.jsonl ...]
//
// (`-Ounchecked -wmo` is what the package's release build uses; `-O` works too.) It times
// synthetic ~200-byte lines with short numbers and with the 17-digit numbers that float32
// values printed as float64 give, then each file named on the command line (repeated to
// 32 MB). "scan" is the whole two-phase scan with a visitor, "collect only" the first phase
// (validation plus buffering the leaves), "validate only" the same walk keeping nothing:
// their differences are the costs of buffering and of replaying. BENCH_MB and
// BENCH_REPEATS change the synthetic size (64 MB) and the passes (5, best one reported).

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Touches every leaf so that nothing is optimised away.
struct SummingVisitor: FieldVisitor {
    var leaves = 0
    var sum = 0.0
    var bytes = 0

    mutating func visitNumber(key: UnsafeRawBufferPointer, index: Int?, value: Double) {
        leaves += 1
        sum += value.isFinite ? value : 0
        bytes += key.count
    }

    mutating func visitString(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        leaves += 1
        bytes += key.count + value.count
    }

    mutating func visitBool(key: UnsafeRawBufferPointer, value: Bool) {
        leaves += 1
        bytes += key.count
    }

    mutating func visitNull(key: UnsafeRawBufferPointer) {
        leaves += 1
        bytes += key.count
    }
}

/// JSON Lines in one buffer with the offset where each line starts.
struct Sample {
    var name: String
    var bytes: [UInt8] = []
    var starts: [Int] = []

    mutating func append(_ line: String) {
        starts.append(bytes.count)
        bytes.append(contentsOf: line.utf8)
        bytes.append(UInt8(ascii: "\n"))
    }
}

@main
struct BenchScanner {
    static func main() {
        var samples = [synthetic(shortNumbers: true), synthetic(shortNumbers: false)]
        for path in CommandLine.arguments.dropFirst() {
            samples.append(load(path))
        }
        for sample in samples {
            measure(sample)
        }
    }

    static func synthetic(shortNumbers: Bool) -> Sample {
        var sample = Sample(
            name: shortNumbers ? "synthetic, short numbers" : "synthetic, 17 digits")
        var state: UInt64 = 0x1234_5678
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        func number(_ scale: Double, _ digits: Int) -> String {
            let value = next() * scale
            if !shortNumbers {
                return "\(Double(Float(value)))"
            }
            var text = [CChar](repeating: 0, count: 48)
            _ = text.withUnsafeMutableBufferPointer { buffer in
                withVaList([digits, value]) { vsnprintf(buffer.baseAddress, 48, "%.*g", $0) }
            }
            return String(cString: text)
        }

        while sample.bytes.count < megabytes << 20 {
            let step = sample.starts.count
            sample.append(
                "{\"step\": \(step), \"loss\": \(number(4, 6)), \"lr\": \(number(3e-4, 5)), "
                    + "\"grad_norm\": \(number(2, 6)), \"tokens_per_second\": \(number(2e5, 7)), "
                    + "\"train\": {\"epoch\": \(number(10, 5))}, \"gpu_util\": [97, 95], "
                    + "\"event\": \"train\", \"ok\": true}")
        }
        return sample
    }

    static func load(_ path: String) -> Sample {
        var sample = Sample(name: path)
        guard let file = fopen(path, "rb") else {
            print("cannot open \(path)")
            return sample
        }
        defer { fclose(file) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var whole: [UInt8] = []
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 {
                break
            }
            whole.append(contentsOf: chunk[0..<count])
        }

        // Repeat the file until the sample is large enough to time.
        var text = whole
        while !whole.isEmpty && text.count < 32 << 20 {
            text.append(contentsOf: whole)
        }
        sample.bytes = text
        sample.starts = [0]
        for (index, byte) in text.enumerated() where byte == UInt8(ascii: "\n") {
            sample.starts.append(index + 1)
        }
        return sample
    }

    /// Size of each synthetic sample; `BENCH_MB` changes it.
    static let megabytes = Int(String(cString: getenv("BENCH_MB") ?? strdup("64"))) ?? 64

    /// Timed passes per sample; `BENCH_REPEATS` changes it (to count instructions by difference).
    static let repeats = Int(String(cString: getenv("BENCH_REPEATS") ?? strdup("5"))) ?? 5

    static func measure(_ sample: Sample) {
        var scanner = JSONScanner()
        var visitor = SummingVisitor()
        var records = 0
        var best = (scan: Double.infinity, collect: Double.infinity, validate: Double.infinity)

        sample.bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                return
            }
            for _ in 0..<repeats {
                best.scan = min(
                    best.scan,
                    seconds(sample) { line in
                        let bytes = UnsafeRawBufferPointer(rebasing: buffer[line])
                        records += scanner.scanRecord(bytes, visitor: &visitor) == .record ? 1 : 0
                    })
                best.collect = min(
                    best.collect,
                    seconds(sample) { line in
                        records +=
                            scanner.collectObject(base, line.lowerBound, line.upperBound) > 0
                            ? 1 : 0
                    })
                best.validate = min(
                    best.validate,
                    seconds(sample) { line in
                        records +=
                            scanner.skipValue(base, line.lowerBound, line.upperBound) > 0 ? 1 : 0
                    })
            }
        }
        report(sample, best, visitor: visitor, records: records)
    }

    /// Runs `body` on every line of the sample and returns the elapsed time.
    static func seconds(_ sample: Sample, _ body: (Range<Int>) -> Void) -> Double {
        let start = now()
        for index in sample.starts.indices {
            body(bounds(sample, index))
        }
        return now() - start
    }

    static func report(
        _ sample: Sample, _ best: (scan: Double, collect: Double, validate: Double),
        visitor: SummingVisitor, records: Int
    ) {
        let lines = max(sample.starts.count, 1)
        let megabytes = Double(sample.bytes.count) / 1e6
        let leaves = visitor.leaves / max(repeats, 1) / lines
        print(sample.name)
        print("  \(lines) lines, \(sample.bytes.count / lines) bytes/line, \(leaves) leaves/line")
        print("  (checksum \(Int(visitor.sum) % 1000), \(records) records)")
        let thousands = Int(Double(lines) / best.scan / 1e3)
        print("  scan:          \(Int(megabytes / best.scan)) MB/s, \(thousands) k lines/s")
        print("  collect only:  \(Int(megabytes / best.collect)) MB/s")
        print("  validate only: \(Int(megabytes / best.validate)) MB/s")
    }

    static func bounds(_ sample: Sample, _ index: Int) -> Range<Int> {
        let start = sample.starts[index]
        let end = index + 1 < sample.starts.count ? sample.starts[index + 1] : sample.bytes.count
        return start..<end
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
