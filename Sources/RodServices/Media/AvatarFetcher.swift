import AsyncHTTPClient
import Foundation
import NIOCore

/// Why an avatar URL could not be used, mapped by the bot API to 413, 415 and 406.
public enum AvatarError: Error, Sendable, Equatable {
    /// Larger than `AvatarFetcher.maximumBytes`.
    case tooLarge
    /// Not on an allowed image host, or not a PNG, JPEG, GIF or WebP image.
    case invalidImage
    /// The host could not be reached, answered with an error, or timed out.
    case downloadFailed
}

/// An image downloaded and checked, ready to be stored in the media folder.
public struct DownloadedImage: Sendable, Equatable {
    public let bytes: [UInt8]
    public let format: ImageFormat
}

/// Downloads avatars the bot links to, from allowed hosts only (Discord's CDN by default): at most 5 MiB,
/// no redirects (a redirect could lead off the allowed host), and the bytes must parse as an image.
public struct AvatarFetcher: Sendable {
    /// The original's limit: 5 MiB.
    public static let maximumBytes = 5 * 1024 * 1024
    /// URLs must start with one of these (scheme, host and port compared exactly, path as a prefix).
    public let allowedPrefixes: [String]
    let client: HTTPClient

    public init(allowedPrefixes: [String], client: HTTPClient) {
        self.allowedPrefixes = allowedPrefixes
        self.client = client
    }

    /// A client suited to fetching avatars: no redirects, 5 s to connect, 10 s between reads, and no retrying a
    /// refused connection (the bot is waiting; a host that refuses answers 406 at once).
    public static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(10)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// True when the URL is on an allowed host.
    public func isAllowed(_ text: String) -> Bool {
        guard let url = URL(string: text), url.user == nil, url.password == nil, let host = url.host?.lowercased(),
            let scheme = url.scheme?.lowercased()
        else { return false }
        return allowedPrefixes.contains { prefix in
            guard let allowed = URL(string: prefix), allowed.scheme?.lowercased() == scheme,
                allowed.host?.lowercased() == host, allowed.port == url.port
            else { return false }
            return url.path.hasPrefix(allowed.path.isEmpty ? "/" : allowed.path)
        }
    }

    public func fetch(_ url: String) async -> Result<DownloadedImage, AvatarError> {
        guard isAllowed(url) else { return .failure(.invalidImage) }
        do {
            var head = HTTPClientRequest(url: url)
            head.method = .HEAD
            head.headers.add(name: "User-Agent", value: Self.userAgent)
            let headResponse = try await client.execute(head, timeout: .seconds(5))
            if let length = headResponse.headers.first(name: "Content-Length").flatMap(Int.init), length > Self.maximumBytes {
                return .failure(.tooLarge)
            }

            var get = HTTPClientRequest(url: url)
            get.headers.add(name: "User-Agent", value: Self.userAgent)
            let response = try await client.execute(get, timeout: .seconds(10))
            guard response.status == .ok else { return .failure(.downloadFailed) }
            var bytes: [UInt8] = []
            for try await chunk in response.body {
                guard bytes.count + chunk.readableBytes <= Self.maximumBytes else { return .failure(.tooLarge) }
                bytes.append(contentsOf: chunk.readableBytesView)
            }
            guard let format = ImageFormat.detect(bytes) else { return .failure(.invalidImage) }
            return .success(DownloadedImage(bytes: bytes, format: format))
        } catch {
            return .failure(.downloadFailed)
        }
    }

    static let userAgent = "Mozilla/5.0 (compatible; RealmOfDarkness/1.0; +https://realmofdarkness.app)"
}
