//! The receipt's QR code: the dossier code encoded by the maintained `qrcode`
//! crate, drawn as one SVG path (dark modules), with the quiet zone the
//! standard asks for so a phone camera finds it on screen and on paper.

use qrcode::{Color, EcLevel, QrCode};

/// Modules of quiet zone around the symbol (ISO/IEC 18004: 4).
pub const QUIET: usize = 4;

/// The symbol as a greyscale picture, as a camera would see it printed: the
/// quiet zone around it and `scale` pixels a module (0 dark, 255 light).
/// Returns the side in pixels and the pixels row by row. For decoders in tests.
pub fn raster(text: &str, scale: usize) -> Option<(usize, Vec<u8>)> {
    let (width, dark) = modules(text)?;
    let side = (width + 2 * QUIET) * scale;
    let pixels = (0..side * side)
        .map(|i| {
            let (x, y) = ((i % side) / scale, (i / side) / scale);
            let on = (QUIET..QUIET + width).contains(&x)
                && (QUIET..QUIET + width).contains(&y)
                && dark[(y - QUIET) * width + (x - QUIET)];
            if on {
                0
            } else {
                255
            }
        })
        .collect();
    Some((side, pixels))
}

/// The symbol for `text`: width in modules and dark modules row by row.
/// Medium error correction survives a crease or a smudge on a printed receipt.
pub fn modules(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    Some((width, code.to_colors().into_iter().map(|c| c == Color::Dark).collect()))
}

/// An SVG path (`d` attribute) of the dark modules, shifted by the quiet zone,
/// and the side of the whole image in modules (for `viewBox`).
pub fn svg_path(text: &str) -> Option<(String, usize)> {
    let (width, dark) = modules(text)?;
    let mut d = String::new();
    for (i, _) in dark.iter().enumerate().filter(|(_, on)| **on) {
        let (x, y) = (i % width + QUIET, i / width + QUIET);
        d.push_str(&format!("M{x} {y}h1v1h-1z"));
    }
    Some((d, width + 2 * QUIET))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Draws the symbol as a camera would see it (quiet zone, several pixels a
    /// module) and reads it back with an independent decoder.
    fn decode(text: &str, scale: usize) -> String {
        let (side, pixels) = raster(text, scale).unwrap();
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| pixels[y * side + x]);
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one symbol found");
        grids[0].decode().unwrap().1
    }

    #[test]
    fn a_dossier_code_reads_back() {
        for code in ["001.01.20.H01-261124-0001", "000.00.12.H47-271231-9999"] {
            assert_eq!(decode(code, 4), code);
        }
    }

    #[test]
    fn the_path_draws_every_dark_module_inside_the_quiet_zone() {
        let (width, dark) = modules("000.00.12.H47-261124-0007").unwrap();
        let (d, side) = svg_path("000.00.12.H47-261124-0007").unwrap();
        assert_eq!(side, width + 8);
        assert_eq!(d.matches('M').count(), dark.iter().filter(|x| **x).count());
        assert!(d.starts_with("M4 4h1v1h-1z"), "the finder pattern's corner is dark");
    }
}
