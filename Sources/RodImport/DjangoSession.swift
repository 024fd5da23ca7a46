import CompressNIO
import Crypto
import Foundation
import NIOCore
import RodCore
import RodServices

/// The original's web sessions, as Django stores them: the session's data signed with the site's `SECRET_KEY`
/// (`django.core.signing`, salted for the database session store), so a session is read only if the key verifies it.
public enum DjangoSession {
    public enum Problem: Error, Sendable, Equatable {
        /// Not signed with this key (another `SECRET_KEY`), or altered.
        case badSignature
        case malformed
    }

    /// The session's data (`_auth_user_id`, `_auth_user_hash`, ...) from a `django_session.session_data`, verified
    /// with the secret key: `[.]<base64 JSON, zlib-compressed when it starts with a dot>:<timestamp>:<signature>`.
    public static func decode(_ data: String, secretKey: String) throws(Problem) -> JSONObject {
        guard let colon = data.lastIndex(of: ":") else { throw .malformed }
        let value = String(data[..<colon])
        let signature = String(data[data.index(after: colon)...])
        let mac = hmac(salt: "django.contrib.sessions.SessionStore" + "signer", value, secretKey: secretKey)
        guard constantTimeEquals(Data(mac).base64URLEncoded().utf8, signature.utf8) else { throw .badSignature }
        guard let stamp = value.lastIndex(of: ":") else { throw .malformed }
        var payload = Substring(value[..<stamp])
        let compressed = payload.hasPrefix(".")
        if compressed { payload = payload.dropFirst() }
        guard var bytes = Data(base64URLEncoded: String(payload)).map(Array.init) else { throw .malformed }
        if compressed {
            var buffer = ByteBuffer(bytes: bytes)
            guard let inflated = try? buffer.decompress(with: .zlib(), maxSize: 1 << 20) else { throw .malformed }
            bytes = Array(inflated.readableBytesView)
        }
        guard case .object(let object)? = try? JSON.parse(bytes) else { throw .malformed }
        return object
    }

    /// What Django stores as `_auth_user_hash`: tied to the user's password field, so that changing it ends sessions.
    public static func sessionAuthHash(password: String, secretKey: String) -> String {
        hmac(salt: "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash", password, secretKey: secretKey)
            .lowercaseHex
    }

    /// Django's `salted_hmac` with SHA-256: the key is SHA-256(salt + secret).
    static func hmac(salt: String, _ value: String, secretKey: String) -> [UInt8] {
        let key = SymmetricKey(data: SHA256.hash(data: Data((salt + secretKey).utf8)))
        return Array(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key))
    }
}

extension Data {
    /// Base64 with the URL alphabet and no padding, as Django writes it.
    func base64URLEncoded() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init?(base64URLEncoded text: String) {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        self.init(base64Encoded: standard)
    }
}
