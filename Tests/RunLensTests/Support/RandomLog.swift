/// A random but valid metric log, JSON Lines or CSV, with the values and line counts it was
/// built to have, for property tests.
///
/// Numbers are written in every form the formats allow (integers, long fractions, exponents
/// up to overflow and underflow, `-0`, `NaN` and infinities, numbers in JSON strings); the
/// value expected back is what Swift's own `Double(String)` reads from the same text, not
/// what runlens reads. Lines between records are blank, whitespace or malformed.
struct RandomLog {
    /// One metric value written at a step.
    struct Value {
        var metric: String
        var step: Int
        var text: String
        var value: Double
    }

    var text = ""
    var values: [Value] = []
    var lines = 0
    var records = 0
    var metadata = 0
    var empty = 0
    var malformed = 0

    /// The format written.
    enum Format {
        case jsonLines
        case csv
    }

    /// Writes a log of about `size` lines from `seed`.
    init(seed: UInt64, format: Format, size: Int) {
        var random = SplitMix(seed: seed)
        var step = 0
        if format == .csv {
            add("step,loss,grad_norm", newline: "\n")
            metadata += 1
        }
        for index in 0..<size {
            // The format sniffer judges the first 32 lines: records first, and in a CSV head
            // fewer than one broken row in ten.
            let kind = index < 12 || (format == .csv && index < 40) ? 0 : random.below(20)
            let newline = random.below(8) == 0 ? "\r\n" : "\n"
            switch kind {
            case 0..<15:
                step += 1 + random.below(3)
                let line =
                    format == .csv
                    ? csvRecord(step: step, &random) : jsonRecord(step: step, &random)
                add(line, newline: newline)
                records += 1
            case 15..<17:
                add(["", " ", "\t", "  \t "][random.below(4)], newline: newline)
                empty += 1
            default:
                add(format == .csv ? "1,2,3,4" : badJSON(step: step, &random), newline: newline)
                malformed += 1
            }
        }
        // A last line without its newline is still a line, unless it was empty. Bytes, not
        // characters: "\r\n" is one character.
        let bytes = Array(text.utf8)
        if random.below(2) == 0, bytes.last == 0x0A, bytes.dropLast().last != 0x0A {
            text = String(decoding: bytes.dropLast(), as: UTF8.self)
        }
    }

    private mutating func add(_ line: String, newline: String) {
        text += line + newline
        lines += 1
    }

    private mutating func jsonRecord(step: Int, _ random: inout SplitMix) -> String {
        var members = ["\"step\": \(step)"]
        for metric in ["loss", "grad_norm"] where metric == "loss" || random.below(2) == 0 {
            let number = Self.number(&random, json: true)
            let quoted = random.below(6) == 0 && number.value.isFinite
            members.append("\"\(metric)\": " + (quoted ? "\"\(number.text)\"" : number.text))
            values.append(Value(metric: metric, step: step, text: number.text, value: number.value))
        }
        if random.below(2) == 0 { members.swapAt(0, members.count - 1) }
        let space = [" ", "", "  "][random.below(3)]
        return "{" + space + members.joined(separator: "," + space) + space + "}"
    }

    private mutating func csvRecord(step: Int, _ random: inout SplitMix) -> String {
        var cells = [String(step)]
        for metric in ["loss", "grad_norm"] {
            guard metric == "loss" || random.below(2) == 0 else {
                cells.append("")
                continue
            }
            let number = Self.number(&random, json: false)
            cells.append(number.text)
            values.append(Value(metric: metric, step: step, text: number.text, value: number.value))
        }
        return cells.joined(separator: ",")
    }

    private func badJSON(step: Int, _ random: inout SplitMix) -> String {
        let options = [
            "{\"step\": \(step), \"loss\": ", "not json at all", "[1, 2, 3]",
            "{\"step\": \(step)}}", "{\"loss\": 01}", "{\"loss\": NaNa}", "{\"a\" 1}",
        ]
        return options[random.below(options.count)]
    }

    /// A number as text and the value `Double(String)` reads from it.
    static func number(_ random: inout SplitMix, json: Bool) -> (text: String, value: Double) {
        let sign = random.below(3) == 0 ? "-" : ""
        let text: String
        switch random.below(12) {
        case 0:
            text = sign + String(random.next() >> (4 + random.below(60)))
        case 1, 2, 3:
            text = sign + String(random.below(1000)) + "." + digits(1 + random.below(25), &random)
        case 4, 5, 6:
            let exponent = random.below(660) - 330
            let mark = ["e", "E", "e+", "E-"][random.below(4)]
            let signed = mark.hasSuffix("-") ? -abs(exponent) : abs(exponent)
            let power =
                mark.hasSuffix("+") || mark.hasSuffix("-") ? String(abs(signed)) : String(signed)
            text =
                sign + String(1 + random.below(9)) + "." + digits(1 + random.below(17), &random)
                + mark + power
        case 7:
            text = sign + "0" + (random.below(2) == 0 ? "" : ".0")
        case 8:
            text =
                json
                ? ["NaN", "Infinity", "-Infinity"][random.below(3)]
                : ["nan", "inf", "-inf"][random.below(3)]
        case 9:
            text =
                sign
                + ["5e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "4.9e-324"][
                    random.below(4)]
        default:
            text = sign + String(random.below(100)) + "." + digits(1 + random.below(6), &random)
        }
        return (text, Double(text) ?? .nan)
    }

    private static func digits(_ count: Int, _ random: inout SplitMix) -> String {
        String((0..<count).map { _ in Character(String(random.below(10))) })
    }
}

/// SplitMix64: a small seeded generator, the same sequence on every machine.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
