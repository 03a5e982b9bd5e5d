import RunLens

/// Runs `runlens config --print-defaults | --check FILE`.
enum ConfigRunner {
    static let usage = """
        USAGE: runlens config --print-defaults | --check FILE

        --print-defaults   print every setting with its default and a line of explanation
                           (JSON with // comments; save it as runlens.json and edit)
        --check FILE       validate FILE: unknown keys and wrong types are named by their path
        """

    /// The exit code of `runlens config arguments`.
    static func run(_ arguments: [String]) -> Int32 {
        switch arguments.first {
        case "--print-defaults" where arguments.count == 1:
            Console.out(ConfigLoader.defaultsText(), newline: false)
            return 0
        case "--check" where arguments.count == 2:
            do {
                _ = try ConfigLoader.load(path: arguments[1])
            } catch {
                Console.error(error.description)
                return 2
            }
            Console.out("config '\(arguments[1])': ok")
            return 0
        case "-h", "--help":
            Console.out(usage)
            return 0
        default:
            Console.error(
                "config expects --print-defaults or --check FILE (see runlens config --help)")
            return 2
        }
    }
}
