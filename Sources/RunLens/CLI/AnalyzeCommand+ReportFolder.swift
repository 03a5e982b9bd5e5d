extension AnalyzeCommand {
    /// What an `analyze` command line that could not be parsed still says for sure, so that a
    /// failed run can clear the report an earlier run left where this one was to write.
    public struct Remains: Equatable, Sendable {
        /// The report folder: the last `-o`/`--output` value, or the default when no such
        /// flag is given; `nil` when any is given without a usable value.
        public var folder: String?
        /// Every argument that may be an input (anything not an option), a superset of the
        /// inputs the line names, so that none of them is taken for part of a report.
        public var inputs: [String]
    }

    /// The report folder and possible inputs of `arguments` (after `analyze`), read without
    /// judging the other flags.
    public static func remains(of arguments: [String]) -> Remains {
        var remains = Remains(folder: AnalyzeCommand.defaultOutput, inputs: [])
        var unusable = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                remains.inputs += arguments[index...]
                break
            }
            if argument.hasPrefix("--output=") {
                let value = String(argument.dropFirst("--output=".count))
                unusable = unusable || value.isEmpty
                remains.folder = value
            } else if argument == "-o" || argument == "--output" {
                let value = index < arguments.count ? arguments[index] : ""
                let usable = !value.isEmpty && !ArgumentCursor.isOption(value)
                unusable = unusable || !usable
                remains.folder = value
                if usable { index += 1 }
            } else if !ArgumentCursor.isOption(argument) {
                remains.inputs.append(argument)
            }
        }
        if unusable { remains.folder = nil }
        return remains
    }
}
