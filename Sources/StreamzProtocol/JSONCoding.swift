import Foundation

/// The one JSON configuration of the wire (PROTOCOL.md preamble): camelCase
/// keys as declared, ISO-8601 UTC timestamps with milliseconds and a `Z`.
public enum WireJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(WireDate.string(from: date))
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = WireDate.date(from: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "Expected an ISO-8601 UTC timestamp such as 2026-11-24T18:00:00.000Z.")
            }
            return date
        }
        return decoder
    }
}

/// `2026-11-24T18:00:00.000Z`; reading also accepts the form without milliseconds.
public enum WireDate {
    private static let withMilliseconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let withoutMilliseconds = Date.ISO8601FormatStyle(timeZone: .gmt)

    public static func string(from date: Date) -> String {
        date.formatted(withMilliseconds)
    }

    public static func date(from text: String) -> Date? {
        (try? withMilliseconds.parse(text)) ?? (try? withoutMilliseconds.parse(text))
    }
}
