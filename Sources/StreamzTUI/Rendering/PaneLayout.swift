/// A rectangle on the pane's pixel grid.
public struct PixelRect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// Where a picture lands in a pane of `columns` x `rows` cells: the pane's
/// pixel grid (cells times the blitter's pixels per cell) and the centred
/// rectangle that keeps the picture's aspect ratio; the rest is black
/// (letterbox above and below, pillarbox left and right).
public struct PaneLayout: Equatable, Sendable {
    public let columns: Int
    public let rows: Int
    public let blitter: Blitter
    public let pixelWidth: Int
    public let pixelHeight: Int
    public let picture: PixelRect

    /// `cellAspect` is a cell's width over its height on screen; about 0.5 in
    /// most terminal fonts, so a half-block pixel (1x2 per cell) is square.
    public init(sourceWidth: Int, sourceHeight: Int, columns: Int, rows: Int, blitter: Blitter, cellAspect: Double = 0.5) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.blitter = blitter
        pixelWidth = self.columns * blitter.pixelColumns
        pixelHeight = self.rows * blitter.pixelRows
        guard pixelWidth > 0, pixelHeight > 0, sourceWidth > 0, sourceHeight > 0, cellAspect > 0 else {
            picture = PixelRect(x: 0, y: 0, width: 0, height: 0)
            return
        }
        // Width over height of one pane pixel on screen.
        let pixelAspect = cellAspect * Double(blitter.pixelRows) / Double(blitter.pixelColumns)
        let paneAspect = Double(pixelWidth) * pixelAspect / Double(pixelHeight)
        let sourceAspect = Double(sourceWidth) / Double(sourceHeight)
        var width = pixelWidth
        var height = pixelHeight
        if sourceAspect >= paneAspect {
            height = Int((Double(pixelWidth) * pixelAspect / sourceAspect).rounded())
        } else {
            width = Int((Double(pixelHeight) * sourceAspect / pixelAspect).rounded())
        }
        width = min(max(width, 1), pixelWidth)
        height = min(max(height, 1), pixelHeight)
        picture = PixelRect(x: (pixelWidth - width) / 2, y: (pixelHeight - height) / 2, width: width, height: height)
    }
}
