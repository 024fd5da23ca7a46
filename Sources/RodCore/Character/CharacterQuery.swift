/// Which characters to read.
public struct CharacterQuery: Sendable, Equatable {
    public enum ChronicleFilter: Sendable, Equatable {
        case any
        /// Characters in no chronicle.
        case none
        case id(Int64)
    }

    public var id: Int64?
    /// Only characters with one of these ids.
    public var ids: [Int64]?
    public var userID: Int64?
    public var chronicle: ChronicleFilter
    /// Matched regardless of case.
    public var name: String?
    public var splats: [String]?
    public var isSheet: Bool?
    /// Only characters of this status (`CharacterStatus`).
    public var status: Int64?
    /// Only characters whose id is above this one: the next page after it.
    public var afterID: Int64?
    /// At most this many rows; nil for all.
    public var limit: Int?

    public init(
        id: Int64? = nil, ids: [Int64]? = nil, userID: Int64? = nil, chronicle: ChronicleFilter = .any,
        name: String? = nil, splats: [String]? = nil, isSheet: Bool? = nil, status: Int64? = nil, afterID: Int64? = nil,
        limit: Int? = nil
    ) {
        self.id = id
        self.ids = ids
        self.userID = userID
        self.chronicle = chronicle
        self.name = name
        self.splats = splats
        self.isSheet = isSheet
        self.status = status
        self.afterID = afterID
        self.limit = limit
    }
}

extension CharacterQuery {
    /// True when the query cannot match anything (an empty list of ids or splats), so it need not be asked.
    public var selectsNothing: Bool { ids?.isEmpty == true || splats?.isEmpty == true }

    /// The same query split into queries of at most `size` ids each, in id order; itself when it has no ids or few.
    public func splitByIDs(size: Int) -> [CharacterQuery] {
        guard let ids, ids.count > size else { return [self] }
        let sorted = ids.sorted()
        return stride(from: 0, to: sorted.count, by: size).map { start in
            var part = self
            part.ids = Array(sorted[start..<min(start + size, sorted.count)])
            return part
        }
    }
}

/// Reads characters: what the store offers to splat modules' routes (`BotRoute`), which know no more of it.
public protocol CharacterReading: Sendable {
    /// Matching characters, in id order.
    func characters(_ query: CharacterQuery) async throws -> [CharacterRecord]
}
