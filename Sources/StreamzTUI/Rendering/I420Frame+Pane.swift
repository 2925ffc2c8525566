import StreamzRTC

extension I420Frame {
    /// The frame scaled into `layout`'s pixel grid: area-averaged down (or up)
    /// to the picture rectangle, converted to RGB, black around it.
    ///
    /// Averaging happens on the Y'CbCr planes before conversion: the BT.601
    /// matrix is affine, so the mean of converted pixels equals the converted
    /// mean (up to clamping at 0/255), and converting only the few thousand
    /// output pixels is far cheaper than converting the whole camera frame.
    public func scaled(to layout: PaneLayout) -> PixelImage {
        var image = PixelImage(width: layout.pixelWidth, height: layout.pixelHeight, fill: .black)
        let rect = layout.picture
        guard rect.width > 0, rect.height > 0 else { return image }
        let luma = PlaneResampler(
            horizontal: AreaResampler(lower: 0, upper: Double(width), destinationCount: rect.width),
            vertical: AreaResampler(lower: 0, upper: Double(height), destinationCount: rect.height))
        // A chroma sample covers 2x2 luma pixels, so the picture spans half as
        // many chroma samples (a fraction of the last one when a size is odd).
        let chroma = PlaneResampler(
            horizontal: AreaResampler(lower: 0, upper: Double(width) / 2, destinationCount: rect.width),
            vertical: AreaResampler(lower: 0, upper: Double(height) / 2, destinationCount: rect.height))
        let ys = luma.resample(y, width: width, height: height)
        let us = chroma.resample(u, width: chromaWidth, height: chromaHeight)
        let vs = chroma.resample(v, width: chromaWidth, height: chromaHeight)
        for row in 0..<rect.height {
            for column in 0..<rect.width {
                let i = row * rect.width + column
                image[rect.x + column, rect.y + row] = BT601.rgb(y: ys[i], cb: us[i], cr: vs[i])
            }
        }
        return image
    }
}
