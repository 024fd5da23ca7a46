/// Django's CSRF tokens, as the original's pages left them in browsers (imported sessions check them).
enum DjangoCSRF {
    /// The secret a token carries: the 32-character secret itself, or the 64-character form masking it
    /// (`_unmask_cipher_token`); nil for anything else.
    static func secret(_ token: String) -> String? {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let characters = Array(token)
        guard characters.allSatisfy(alphabet.contains) else { return nil }
        switch characters.count {
        case 32: return token
        case 64:
            let mask = characters[..<32]
            let cipher = characters[32...]
            var secret = ""
            for (c, m) in zip(cipher, mask) {
                let x = alphabet.firstIndex(of: c)!
                let y = alphabet.firstIndex(of: m)!
                secret.append(alphabet[(x - y + alphabet.count) % alphabet.count])
            }
            return secret
        default: return nil
        }
    }
}
