import Foundation

/// The media folder: avatars and other uploaded files, served at `/media/<path>`.
public struct MediaStore: Sendable {
    public let root: URL

    /// The folder, under the media root, holding character avatars.
    public static let avatarFolder = "char_avatars"

    public init(root: URL) {
        self.root = root
    }

    /// Writes a file under a new unguessable name and returns its path relative to the media root.
    public func store(_ bytes: [UInt8], folder: String, fileExtension: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<2).map { _ in String(generator.next() as UInt64, radix: 16).leftPadded(to: 16) }.joined()
        let relative = "\(folder)/\(token).\(fileExtension)"
        let directory = root.appendingPathComponent(folder, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(bytes).write(to: root.appendingPathComponent(relative), options: .atomic)
        return relative
    }

    /// The file's location, if the relative path stays inside the media root.
    public func url(of relative: String) -> URL? {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.isEmpty, !relative.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
        else { return nil }
        return root.appendingPathComponent(relative)
    }

    /// Deletes a stored file; a missing file is not an error.
    public func remove(_ relative: String) {
        guard let url = url(of: relative) else { return }
        try? FileManager.default.removeItem(at: url)
    }
}

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
