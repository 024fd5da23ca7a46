import Foundation
import RodCore

/// A `manage.py dumpdata` file of the original, read as a stream: one pass finds where each top-level object lies
/// (the file is never held whole), then objects are read back one at a time as the import asks for them. With
/// `--natural-foreign`, users are referred to by their natural key (`[id]`); both forms are read.
public final class DumpdataFile: OriginalSource {
    /// Where an object lies: 16 bytes per object, so that the index of a large file stays small (its key and fields
    /// are read again with it).
    struct Entry: Sendable {
        let offset: UInt64
        let length: UInt32
        /// The object's position in the file, from 1, for messages.
        let number: UInt32
    }

    public let path: String
    /// True when foreign keys to users are natural keys (`"user": [1001]`).
    public let naturalKeys: Bool
    /// Objects whose model and key an earlier object of the file has: only the first is read.
    public let leftOut: [(location: String, message: String)]
    private let byModel: [String: [Entry]]
    /// The parts of characters other than the base, by model and key.
    private let parts: [String: [Int64: Entry]]
    /// The characters' bases in key order.
    private let bases: [(id: Int64, entry: Entry)]

    public var description: String {
        "dumpdata \(URL(fileURLWithPath: path).lastPathComponent)\(naturalKeys ? " (natural keys)" : "")"
    }

    /// Reads the file once, noting where each object is. Throws for a file that is not a dumpdata array of objects,
    /// or that ends before its last object does.
    public init(path: String) throws(OriginalDataError) {
        self.path = path
        var byModel: [String: [Entry]] = [:]
        var parts: [String: [Int64: Entry]] = [:]
        var bases: [(Int64, Entry)] = []
        var naturalKeys = false
        var leftOut: [(location: String, message: String)] = []
        // The keys seen per model, to leave out an object whose key repeats an earlier one's.
        var numericKeys: [String: Set<Int64>] = [:]
        var otherKeys: [String: Set<JSON>] = [:]
        var scanner = TopLevelScanner()
        let name = URL(fileURLWithPath: path).lastPathComponent
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 1 << 22), !chunk.isEmpty {
                try scanner.feed(chunk) { (start, bytes, number) throws(OriginalDataError) in
                    let object: JSON
                    do {
                        object = try JSON.parse(bytes)
                    } catch {
                        throw OriginalDataError("\(name): object \(number) (byte \(start)) is not valid JSON: \(error)")
                    }
                    guard let model = object["model"]?.stringValue, case .object(let fields)? = object["fields"] else {
                        throw OriginalDataError("\(name): object \(number) (byte \(start)) has no `model` and `fields`")
                    }
                    guard let pk = object["pk"], !pk.isNull else {
                        throw OriginalDataError(
                            "\(name): object \(number) (\(model)) has no `pk`: export with `dumpdata --natural-foreign`, not --natural-primary"
                        )
                    }
                    if case .array? = fields["user"] { naturalKeys = true }
                    let first =
                        if case .int(let id) = pk {
                            numericKeys[model, default: []].insert(id).inserted
                        } else {
                            otherKeys[model, default: []].insert(pk).inserted
                        }
                    guard first, bytes.count <= UInt32.max, number <= UInt32.max else {
                        leftOut.append(
                            (
                                "\(model) \(pk.serializedString())",
                                "object \(number) has the key of an earlier \(model): not imported (the first is)"
                            ))
                        return
                    }
                    let entry = Entry(offset: start, length: UInt32(bytes.count), number: UInt32(number))
                    if model == OriginalModels.character, let id = pk.coercedInteger {
                        bases.append((id, entry))
                    } else if OriginalModels.isCharacterPart(model), let id = pk.coercedInteger {
                        parts[model, default: [:]][id] = entry
                    } else {
                        byModel[model, default: []].append(entry)
                    }
                }
            }
        } catch let error as OriginalDataError {
            throw error
        } catch {
            throw OriginalDataError("\(name): cannot be read: \(error.localizedDescription)")
        }
        if let problem = scanner.problemAtEnd { throw OriginalDataError("\(name): \(problem)") }
        self.byModel = byModel
        self.leftOut = leftOut
        self.parts = parts
        self.bases = bases.sorted { $0.0 < $1.0 }
        self.naturalKeys = naturalKeys
    }

    public func modelCounts() throws(OriginalDataError) -> [String: Int] {
        var counts = byModel.mapValues(\.count)
        if !bases.isEmpty { counts[OriginalModels.character] = bases.count }
        for (model, entries) in parts { counts[model] = entries.count }
        return counts
    }

    /// A dumpdata file keeps no counter of the keys it handed out.
    public func keyCounters() throws(OriginalDataError) -> [String: Int64] { [:] }

    /// The model's objects in the file's order, a page at a time.
    public func objects(_ model: String) throws(OriginalDataError) -> OriginalObjects {
        let entries = byModel[model] ?? []
        return OriginalObjects { [path] read, _ throws(OriginalDataError) in
            let page = entries[min(read, entries.count)..<min(entries.count, read + OriginalObjects.pageSize)]
            guard !page.isEmpty else { return [] }
            let reader = try Reader(path: path)
            return try page.map { entry throws(OriginalDataError) in try reader.object(model, entry) }
        }
    }

    public func characters(after: Int64?, limit: Int) throws(OriginalDataError) -> [OriginalCharacter] {
        var start = 0
        if let after {
            // The first base above `after`.
            var low = 0
            var high = bases.count
            while low < high {
                let middle = (low + high) / 2
                if bases[middle].id <= after { low = middle + 1 } else { high = middle }
            }
            start = low
        }
        let page = bases[start..<min(bases.count, start + limit)]
        guard !page.isEmpty else { return [] }
        let reader = try Reader(path: path)
        var characters: [OriginalCharacter] = []
        for (id, entry) in page {
            var objects = [try reader.object(OriginalModels.character, entry)]
            for model in OriginalModels.editions {
                if let part = parts[model]?[id] { objects.append(try reader.object(model, part)) }
            }
            for (model, entries) in parts.sorted(by: { $0.key < $1.key }) where !OriginalModels.editions.contains(model) {
                if let part = entries[id] { objects.append(try reader.object(model, part)) }
            }
            characters.append(OriginalCharacter(id: id, parts: objects))
        }
        return characters
    }

    /// Reads objects back from where the first pass found them.
    private struct Reader {
        let handle: FileHandle
        let name: String

        init(path: String) throws(OriginalDataError) {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw OriginalDataError("\(path): cannot be opened") }
            self.handle = handle
            name = URL(fileURLWithPath: path).lastPathComponent
        }

        func object(_ model: String, _ entry: Entry) throws(OriginalDataError) -> OriginalObject {
            do {
                try handle.seek(toOffset: entry.offset)
                let object = try handle.read(upToCount: Int(entry.length)).map { try JSON.parse($0) }
                guard case .object(var fields)? = object?["fields"], let pk = object?["pk"] else {
                    throw OriginalDataError("\(name): object \(entry.number) changed while importing")
                }
                // A natural key of a user is `[id]`.
                if case .array(let key)? = fields["user"], key.count == 1 { fields["user"] = key[0] }
                return OriginalObject(
                    model: model, pk: pk, fields: fields, location: "\(model) \(pk.serializedString())")
            } catch let error as OriginalDataError {
                throw error
            } catch {
                throw OriginalDataError("\(name): object \(entry.number) cannot be read again: \(error)")
            }
        }
    }
}

/// Finds the top-level objects of a JSON array fed in chunks, without parsing them: it follows strings and nesting.
struct TopLevelScanner {
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var finished = false
    private var offset: UInt64 = 0
    private var start: UInt64 = 0
    private var element: [UInt8] = []
    private var count = 0

    /// Calls `found` with each complete object's offset, bytes and number (from 1).
    mutating func feed(
        _ chunk: Data, found: (UInt64, [UInt8], Int) throws(OriginalDataError) -> Void
    ) throws(OriginalDataError) {
        for byte in chunk {
            defer { offset += 1 }
            if depth >= 2 { element.append(byte) }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                continue
            case UInt8(ascii: "\""):
                guard depth >= 2 else { throw OriginalDataError("a top-level value at byte \(offset) is not an object") }
                inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if finished { throw OriginalDataError("data after the end of the array at byte \(offset)") }
                if depth == 0 {
                    guard byte == UInt8(ascii: "[") else { throw OriginalDataError("not a JSON array") }
                } else if depth == 1 {
                    guard byte == UInt8(ascii: "{") else {
                        throw OriginalDataError("a top-level value at byte \(offset) is not an object")
                    }
                    start = offset
                    element = [byte]
                    count += 1
                }
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard depth > 0 else {
                    throw OriginalDataError("unbalanced `\(Character(UnicodeScalar(byte)))` at byte \(offset)")
                }
                depth -= 1
                if depth == 1 {
                    try found(start, element, count)
                    element = []
                } else if depth == 0 {
                    finished = true
                }
            case UInt8(ascii: ","):
                continue
            default:
                if depth == 1 { throw OriginalDataError("a top-level value at byte \(offset) is not an object") }
                guard depth >= 2 else { throw OriginalDataError("unexpected byte at \(offset): not a dumpdata array") }
            }
        }
    }

    /// Nil when the array ended properly; otherwise what is wrong with the end of the file.
    var problemAtEnd: String? {
        if finished { return nil }
        if depth == 0 && count == 0 && offset == 0 { return "the file is empty" }
        return "the file ends inside object \(max(count, 1)) (byte \(offset)): it is truncated"
    }
}
