/// The capture time drawn into the test pattern as a grid of large black and
/// white cells, so the viewer can measure capture-to-decoded latency from the
/// decoded picture alone, whatever the transport did to timestamps.
///
/// Layout: the top sixth of the picture is a grey band holding 3 rows of 32
/// cells, each 1/34 of the width and 1/24 of the height (about 9x10 pixels at
/// 320x240, big enough that VP8's 4x4 transforms at 250 kbps keep every cell's
/// centre clearly black or white). Columns 0, 1, 30 and 31 are a fixed
/// checkerboard: the reader finds its black and white levels there. The other
/// 84 cells carry, row by row, a 4-bit format marker, the 64-bit time in
/// milliseconds and a CRC-16 over both. Geometry is relative to the frame, so
/// a picture scaled on the way is read the same way.
///
/// Reading never guesses: a cell too close to the black/white threshold, weak
/// contrast in the sync cells, a wrong marker or a CRC mismatch all give nil.
public enum CaptureTimeCode {
    static let columns = 32
    static let rows = 3
    static let syncColumns: Set<Int> = [0, 1, columns - 2, columns - 1]
    /// 0b1010: a fixed nibble that also rejects pictures whose cells happen to pass the CRC.
    static let marker: UInt8 = 0x0A
    static let payloadBits = 4 + 64 + 16

    /// The smallest picture whose cells are still a few pixels wide.
    public static let minimumWidth = 68
    public static let minimumHeight = 48

    /// Where the code's grey background ends: pictures keep their own content below it.
    static func bandBottom(height: Int) -> Int { (2 * rows + 2) * height / 48 }

    /// Cell (row, column) as a half-open pixel rectangle: half-cell margins
    /// above and below the rows, one cell left and right of the columns.
    static func cell(row: Int, column: Int, width: Int, height: Int) -> (x0: Int, y0: Int, x1: Int, y1: Int) {
        ((column + 1) * width / (columns + 2), (2 * row + 1) * height / 48,
         (column + 2) * width / (columns + 2), (2 * row + 3) * height / 48)
    }

    static func isWhiteSyncCell(row: Int, column: Int) -> Bool { (row + column) % 2 == 0 }

    /// The data cells in reading order: row by row, skipping the sync columns.
    static let dataCells: [(row: Int, column: Int)] = (0..<rows).flatMap { row in
        (0..<columns).filter { !syncColumns.contains($0) }.map { (row, $0) }
    }

    /// The 84 bits drawn for `milliseconds`, most significant first.
    static func bits(for milliseconds: UInt64) -> [Bool] {
        let valueBytes = (0..<8).map { UInt8(truncatingIfNeeded: milliseconds >> (8 * (7 - $0))) }
        let checksum = crc16([marker] + valueBytes)
        var bits: [Bool] = (0..<4).map { marker >> (3 - $0) & 1 == 1 }
        bits += (0..<64).map { milliseconds >> (63 - $0) & 1 == 1 }
        bits += (0..<16).map { checksum >> (15 - $0) & 1 == 1 }
        return bits
    }

    /// Draws the code for `milliseconds` over the top band of `frame`.
    public static func draw(_ milliseconds: UInt64, into frame: inout I420Frame) {
        let width = frame.width, height = frame.height
        frame.fill(x0: 0, y0: 0, x1: width, y1: bandBottom(height: height), .grey)
        for row in 0..<rows {
            for column in syncColumns {
                let rect = cell(row: row, column: column, width: width, height: height)
                let colour = isWhiteSyncCell(row: row, column: column) ? I420Frame.Colour.white : .black
                frame.fillLuma(x0: rect.x0, y0: rect.y0, x1: rect.x1, y1: rect.y1, colour.luma)
            }
        }
        for (bit, position) in zip(bits(for: milliseconds), dataCells) {
            let rect = cell(row: position.row, column: position.column, width: width, height: height)
            frame.fillLuma(x0: rect.x0, y0: rect.y0, x1: rect.x1, y1: rect.y1, bit ? I420Frame.Colour.white.luma : I420Frame.Colour.black.luma)
        }
    }

    /// CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF): detects every error
    /// of up to 3 bits and every burst up to 16 bits in a message this short.
    static func crc16(_ bytes: [UInt8]) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        }
        return crc
    }
}
