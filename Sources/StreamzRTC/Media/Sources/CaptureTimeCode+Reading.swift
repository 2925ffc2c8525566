extension CaptureTimeCode {
    /// Sync cells must differ by at least this much luma (of 219 between black and
    /// white) before the picture counts as carrying a code at all.
    static let minimumContrast = 64.0
    /// A cell's mean must lie this fraction of the black-white distance away from
    /// the midpoint; closer is ambiguous and the whole code unreadable.
    static let decisionMargin = 0.15

    /// The capture time in milliseconds drawn by `draw(_:into:)`, read from a
    /// decoded (possibly rescaled) picture; nil when the code is missing or any
    /// part of it is uncertain, so a returned value is always the drawn one.
    public static func read(from frame: I420Frame) -> UInt64? {
        let width = frame.width, height = frame.height
        guard width >= minimumWidth, height >= minimumHeight else { return nil }
        // Each cell is judged by its centre half: edges blur under VP8 and rescaling.
        func sample(row: Int, column: Int) -> Double? {
            let rect = cell(row: row, column: column, width: width, height: height)
            let insetX = (rect.x1 - rect.x0) / 4, insetY = (rect.y1 - rect.y0) / 4
            return frame.meanLuma(x0: rect.x0 + insetX, y0: rect.y0 + insetY, x1: rect.x1 - insetX, y1: rect.y1 - insetY)
        }
        var whites: [Double] = [], blacks: [Double] = []
        for row in 0..<rows {
            for column in syncColumns.sorted() {
                guard let value = sample(row: row, column: column) else { return nil }
                if isWhiteSyncCell(row: row, column: column) { whites.append(value) } else { blacks.append(value) }
            }
        }
        guard let darkestWhite = whites.min(), let brightestBlack = blacks.max(),
              darkestWhite - brightestBlack >= minimumContrast else { return nil }
        let white = whites.reduce(0, +) / Double(whites.count)
        let black = blacks.reduce(0, +) / Double(blacks.count)
        let threshold = (white + black) / 2
        let margin = (white - black) * decisionMargin
        guard darkestWhite - threshold >= margin, threshold - brightestBlack >= margin else { return nil }

        var bits: [Bool] = []
        bits.reserveCapacity(payloadBits)
        for position in dataCells.prefix(payloadBits) {
            guard let value = sample(row: position.row, column: position.column),
                  abs(value - threshold) >= margin else { return nil }
            bits.append(value > threshold)
        }
        return decode(bits)
    }

    /// Marker, value and CRC back from the cell bits; nil unless all three agree.
    static func decode(_ bits: [Bool]) -> UInt64? {
        guard bits.count == payloadBits else { return nil }
        func number(_ range: Range<Int>) -> UInt64 { bits[range].reduce(UInt64(0)) { $0 << 1 | ($1 ? 1 : 0) } }
        let marker = UInt8(number(0..<4))
        let value = number(4..<68)
        let checksum = UInt16(number(68..<84))
        guard marker == Self.marker else { return nil }
        let valueBytes = (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * (7 - $0))) }
        guard crc16([marker] + valueBytes) == checksum else { return nil }
        return value
    }
}
