/// Removes `//` line comments outside strings, so configs can explain themselves.
enum JSONComments {
    static func strip(_ text: String) -> String {
        var output = ""
        var inString = false
        var escaped = false
        var characters = text.makeIterator()
        var pending: Character?
        while let character = pending ?? characters.next() {
            pending = nil
            if inString {
                output.append(character)
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
                continue
            }
            if character == "/" {
                let next = characters.next()
                if next == "/" {
                    while let skipped = characters.next(), skipped != "\n", skipped != "\r\n" {}
                    output.append("\n")
                    continue
                }
                pending = next
            }
            if character == "\"" { inString = true }
            output.append(character)
        }
        return output
    }
}
