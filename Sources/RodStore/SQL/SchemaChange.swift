/// One change of the schema, described once and written in each engine's SQL (`statements(for:)`). A migration
/// that has shipped is never edited: a change is a new migration at the end of `StoreSchema.migrations`.
public struct SchemaChange: Sendable {
    public let name: String
    public let steps: [Step]

    public init(_ name: String, _ steps: [Step]) {
        self.name = name
        self.steps = steps
    }

    /// A column's kind; `SQLDialect.type(_:)` names it in each engine.
    public enum ColumnType: Sendable { case integer, flag, real, text }

    public enum OnDelete: String, Sendable {
        case cascade = "CASCADE"
        case setNull = "SET NULL"
    }

    public struct Column: Sendable {
        enum Key: Sendable { case none, primary, generated }

        let name: String
        let type: ColumnType
        let nullable: Bool
        let defaultValue: SQLValue?
        let references: (table: String, onDelete: OnDelete)?
        let key: Key

        /// A column; not null unless `nullable`.
        public static func column(
            _ name: String, _ type: ColumnType, nullable: Bool = false, default value: SQLValue? = nil,
            references: String? = nil, onDelete: OnDelete = .cascade
        ) -> Column {
            Column(
                name: name, type: type, nullable: nullable, defaultValue: value,
                references: references.map { ($0, onDelete) }, key: .none)
        }

        /// The primary key, given by the writer (a Discord snowflake, a hash).
        public static func key(_ name: String, _ type: ColumnType = .integer) -> Column {
            Column(name: name, type: type, nullable: true, defaultValue: nil, references: nil, key: .primary)
        }

        /// The primary key, assigned by the database and never reused.
        public static func generatedKey(_ name: String = "id") -> Column {
            Column(name: name, type: .integer, nullable: true, defaultValue: nil, references: nil, key: .generated)
        }
    }

    public enum Step: Sendable {
        /// A table with its columns and table constraints (`UNIQUE (a, b)`, `PRIMARY KEY (a, b)`).
        case table(String, [Column], constraints: [String] = [])
        case index(String, on: String, columns: [String], unique: Bool = false)
        case addColumn(String, Column)
    }

    /// The migration in an engine's SQL, one statement per element. A reference to a table this migration creates
    /// later is written inline in SQLite (which checks references only when rows are written) and added after the
    /// tables in PostgreSQL (which needs the table to exist).
    public func statements(for dialect: SQLDialect) -> [String] {
        var statements: [String] = []
        var deferred: [String] = []
        var created: [String] = []
        let tables = steps.compactMap { step -> String? in
            if case .table(let name, _, _) = step { return name }
            return nil
        }
        for step in steps {
            switch step {
            case .table(let name, let columns, let constraints):
                created.append(name)
                let later = Set(tables).subtracting(created)
                var lines: [String] = []
                for column in columns {
                    if dialect.engine == .postgresql, let target = column.references, later.contains(target.table) {
                        lines.append(Self.definition(of: column, dialect, withReference: false))
                        deferred.append(
                            "ALTER TABLE \(name) ADD FOREIGN KEY (\(column.name)) REFERENCES \(target.table)(id) ON DELETE \(target.onDelete.rawValue)"
                        )
                    } else {
                        lines.append(Self.definition(of: column, dialect, withReference: true))
                    }
                }
                lines += constraints
                statements.append("CREATE TABLE \(name) (\n    " + lines.joined(separator: ",\n    ") + "\n)")
            case .index(let name, let table, let columns, let unique):
                statements.append(
                    "CREATE \(unique ? "UNIQUE " : "")INDEX \(name) ON \(table)(\(columns.joined(separator: ", ")))")
            case .addColumn(let table, let column):
                statements.append("ALTER TABLE \(table) ADD COLUMN \(Self.definition(of: column, dialect, withReference: true))")
            }
        }
        return statements + deferred
    }

    static func definition(of column: Column, _ dialect: SQLDialect, withReference: Bool) -> String {
        switch column.key {
        case .generated: return "\(column.name) \(dialect.generatedKey)"
        case .primary: return "\(column.name) \(dialect.type(column.type)) PRIMARY KEY"
        case .none: break
        }
        var text = "\(column.name) \(dialect.type(column.type))"
        if !column.nullable { text += " NOT NULL" }
        if let value = column.defaultValue { text += " DEFAULT " + dialect.literal(value) }
        if withReference, let target = column.references {
            text += " REFERENCES \(target.table)(id) ON DELETE \(target.onDelete.rawValue)"
        }
        return text
    }
}
