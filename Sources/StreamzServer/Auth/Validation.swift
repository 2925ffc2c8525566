import Foundation

/// Field rules of PROTOCOL.md §2; each failure names its field.
enum Validation {
    /// Trimmed, lower-cased, at most 254 characters, exactly one `@` with text on both sides.
    static func email(_ raw: String, field: String = "email") throws -> String {
        let email = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !email.isEmpty else { throw APIError.validation(field, "Enter an email address.") }
        guard email.count <= 254 else { throw APIError.validation(field, "The email address is longer than 254 characters.") }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw APIError.validation(field, "The email address needs one @ with text on both sides.")
        }
        guard !email.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.contains($0) || $0.properties.generalCategory == .control }) else {
            throw APIError.validation(field, "The email address must not contain spaces or control characters.")
        }
        return email
    }

    /// 8 to 72 bytes of UTF-8: bcrypt reads at most 72 bytes, so a longer
    /// password is refused rather than silently truncated. A NUL would end
    /// bcrypt's C string early, so it is refused for the same reason.
    static func password(_ password: String, field: String = "password") throws {
        let bytes = password.utf8.count
        guard bytes >= 8 else { throw APIError.validation(field, "The password needs at least 8 characters.") }
        guard bytes <= 72 else { throw APIError.validation(field, "The password is longer than 72 bytes (bcrypt's limit).") }
        guard !password.utf8.contains(0) else { throw APIError.validation(field, "The password must not contain a NUL character.") }
    }

    /// Trimmed, 1 to 64 characters, no control characters.
    static func deviceName(_ raw: String, field: String = "name") throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw APIError.validation(field, "Give the device a name.") }
        guard name.unicodeScalars.count <= 64 else { throw APIError.validation(field, "The name is longer than 64 characters.") }
        guard !containsControl(name) else { throw APIError.validation(field, "The name must not contain control characters.") }
        return name
    }

    /// Optional free text such as `platform`: trimmed, at most `limit` characters, no control characters.
    static func shortText(_ raw: String?, field: String, limit: Int = 64) throws -> String? {
        guard let text = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard text.count <= limit else { throw APIError.validation(field, "\(field) is longer than \(limit) characters.") }
        guard !containsControl(text) else { throw APIError.validation(field, "\(field) must not contain control characters.") }
        return text
    }

    private static func containsControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
