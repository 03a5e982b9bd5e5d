/// A coding key made from any text: the keys a settings table names.
struct SettingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ text: String) {
        stringValue = text
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}

/// One key of a config section whose settings struct keeps flat properties: the object it
/// sits in (a detector id, or a shared group), its snake_case name, the property it sets
/// and a line saying what it means.
///
/// A table of fields gives the section's file shape, its decoding (a missing key keeps the
/// property's default), its encoding and its `--print-defaults` explanations, so the three
/// cannot drift apart.
struct SettingField<Root> {
    /// The object the key sits in.
    let group: String
    /// The key inside it.
    let key: String
    /// One line for `runlens config --print-defaults`.
    let explanation: String
    private let read: (inout Root, KeyedDecodingContainer<SettingKey>) throws -> Void
    private let write: (Root, inout KeyedEncodingContainer<SettingKey>) throws -> Void

    /// `group.key`, as explanations and errors name it.
    var path: String { group + "." + key }

    /// A field that sets `property`; an optional property is written as `null` when unset.
    init<Value: Codable>(
        _ group: String, _ key: String, _ property: WritableKeyPath<Root, Value>,
        _ explanation: String
    ) {
        self.group = group
        self.key = key
        self.explanation = explanation
        read = { root, container in
            if let value = try container.decodeIfPresent(Value.self, forKey: SettingKey(key)) {
                root[keyPath: property] = value
            }
        }
        write = { root, container in
            try container.encode(root[keyPath: property], forKey: SettingKey(key))
        }
    }

    /// Reads `fields` from their objects in `decoder` into `root`; absent keys and objects
    /// leave `root` as it is.
    static func decode(_ fields: [Self], into root: inout Root, from decoder: Decoder) throws {
        let top = try decoder.container(keyedBy: SettingKey.self)
        for group in groups(fields) where top.contains(SettingKey(group)) {
            let object = try top.nestedContainer(
                keyedBy: SettingKey.self, forKey: SettingKey(group))
            for field in fields where field.group == group { try field.read(&root, object) }
        }
    }

    /// Writes every field of `root` into its object.
    static func encode(_ fields: [Self], of root: Root, to encoder: Encoder) throws {
        var top = encoder.container(keyedBy: SettingKey.self)
        for group in groups(fields) {
            var object = top.nestedContainer(keyedBy: SettingKey.self, forKey: SettingKey(group))
            for field in fields where field.group == group { try field.write(root, &object) }
        }
    }

    /// The explanation of each field by its path.
    static func explanations(_ fields: [Self]) -> [String: String] {
        Dictionary(fields.map { ($0.path, $0.explanation) }) { first, _ in first }
    }

    private static func groups(_ fields: [Self]) -> [String] {
        var seen: [String] = []
        for field in fields where !seen.contains(field.group) { seen.append(field.group) }
        return seen
    }
}
