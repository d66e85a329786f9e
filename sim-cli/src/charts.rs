//! Charts (plotters): line charts with 95 % confidence bands, scatter plots with a
//! frontier, as SVG text or PNG files. The font (DejaVu Sans, embedded, see
//! `assets/DejaVuSans-LICENSE.txt`) is registered once, so PNGs need no system fonts.

use std::sync::Once;

use anyhow::{Result, anyhow};
use plotters::coord::Shift;
use plotters::prelude::*;

const FONT: &str = "sans-serif";
const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
];

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let bytes: &'static [u8] = include_bytes!("../assets/DejaVuSans.ttf");
        plotters::style::register_font(FONT, FontStyle::Normal, bytes)
            .unwrap_or_else(|_| panic!("the embedded DejaVu Sans font is valid"));
    });
}

/// One point: x, y and the 95 % interval of y.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pt {
    pub x: f64,
    pub y: f64,
    pub ci: f64,
}

/// A named line or set of points.
#[derive(Clone, Debug)]
pub struct Series {
    pub name: String,
    pub points: Vec<Pt>,
    pub line: bool,
}

/// A chart: series over numeric axes, an optional horizontal target line.
#[derive(Clone, Debug)]
pub struct Chart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<Series>,
    pub target: Option<f64>,
    /// Show y as a percentage.
    pub y_percent: bool,
    /// Labels for integer x values (categorical axes, e.g. interval clock times).
    pub x_names: Option<Vec<String>>,
}

pub const SIZE: (u32, u32) = (800, 480);

impl Pt {
    /// A point without a confidence band.
    pub fn at(x: f64, y: f64) -> Pt {
        Pt { x, y, ci: 0.0 }
    }
}

impl Series {
    /// A named line through `points`.
    pub fn line(name: impl Into<String>, points: impl IntoIterator<Item = Pt>) -> Series {
        Series {
            name: name.into(),
            points: points.into_iter().collect(),
            line: true,
        }
    }
}

impl Chart {
    /// A chart of `series` with no target line and a numeric x axis (set `x_names` for
    /// a categorical one).
    pub fn lines(
        title: impl Into<String>,
        x_label: &str,
        y_label: &str,
        y_percent: bool,
        series: Vec<Series>,
    ) -> Chart {
        Chart {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            series,
            target: None,
            y_percent,
            x_names: None,
        }
    }
}

impl Chart {
    /// The chart as an SVG document.
    pub fn to_svg(&self) -> Result<String> {
        register_font();
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
            self.draw(&root)?;
            root.present()
                .map_err(|e| anyhow!("drawing the chart: {e}"))?;
        }
        Ok(svg)
    }

    /// The chart as a PNG file.
    pub fn to_png(&self, path: &std::path::Path) -> Result<()> {
        register_font();
        let root = BitMapBackend::new(path, SIZE).into_drawing_area();
        self.draw(&root)?;
        root.present()
            .map_err(|e| anyhow!("writing {}: {e}", path.display()))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()>
    where
        DB::ErrorType: 'static,
    {
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| anyhow!("drawing the chart: {e}");
        root.fill(&WHITE).map_err(err)?;
        let all = self.series.iter().flat_map(|s| s.points.iter());
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for p in all {
            x0 = x0.min(p.x);
            x1 = x1.max(p.x);
            y0 = y0.min(p.y - p.ci);
            y1 = y1.max(p.y + p.ci);
        }
        if let Some(t) = self.target {
            y0 = y0.min(t);
            y1 = y1.max(t);
        }
        if x0 > x1 {
            (x0, x1, y0, y1) = (0.0, 1.0, 0.0, 1.0);
        }
        if x1 - x0 < 1e-9 {
            (x0, x1) = (x0 - 0.5, x1 + 0.5);
        }
        let pad = ((y1 - y0) * 0.05).max(1e-6);
        let (y0, y1) = (y0 - pad, y1 + pad);
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, (FONT, 22))
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(64)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(err)?;
        let pct = self.y_percent;
        let names = self.x_names.clone();
        chart
            .configure_mesh()
            .x_desc(&self.x_label)
            .y_desc(&self.y_label)
            .axis_desc_style((FONT, 16))
            .label_style((FONT, 13))
            .x_labels(names.as_ref().map_or(10, |n| n.len().min(12)))
            .x_label_formatter(&|x| match &names {
                Some(n) => n
                    .get(x.round().max(0.0) as usize)
                    .cloned()
                    .unwrap_or_default(),
                None => format!("{}", (x * 1000.0).round() / 1000.0),
            })
            .y_label_formatter(&|y| {
                if pct {
                    format!("{:.0}%", y * 100.0)
                } else {
                    format!("{y:.1}")
                }
            })
            .draw()
            .map_err(err)?;
        if let Some(t) = self.target {
            chart
                .draw_series(LineSeries::new(
                    [(x0, t), (x1, t)],
                    BLACK.mix(0.6).stroke_width(1),
                ))
                .map_err(err)?
                .label(if pct {
                    format!("target {:.0}%", t * 100.0)
                } else {
                    format!("target {t}")
                })
                .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], BLACK.mix(0.6)));
        }
        for (k, s) in self.series.iter().enumerate() {
            let color = PALETTE[k % PALETTE.len()];
            let mut pts = s.points.clone();
            pts.sort_by(|a, b| a.x.total_cmp(&b.x));
            if s.line && pts.iter().any(|p| p.ci > 0.0) {
                let band: Vec<(f64, f64)> = pts
                    .iter()
                    .map(|p| (p.x, p.y + p.ci))
                    .chain(pts.iter().rev().map(|p| (p.x, p.y - p.ci)))
                    .collect();
                chart
                    .draw_series(std::iter::once(Polygon::new(band, color.mix(0.18))))
                    .map_err(err)?;
            }
            let anno = if s.line {
                chart
                    .draw_series(LineSeries::new(
                        pts.iter().map(|p| (p.x, p.y)),
                        color.stroke_width(2),
                    ))
                    .map_err(err)?
            } else {
                chart
                    .draw_series(
                        pts.iter()
                            .map(|p| Circle::new((p.x, p.y), 3, color.filled())),
                    )
                    .map_err(err)?
            };
            anno.label(s.name.clone()).legend(move |(x, y)| {
                PathElement::new([(x, y), (x + 16, y)], color.stroke_width(2))
            });
        }
        if self.series.len() > 1 || self.target.is_some() {
            chart
                .configure_series_labels()
                .label_font((FONT, 13))
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK.mix(0.3))
                .position(SeriesLabelPosition::LowerRight)
                .draw()
                .map_err(err)?;
        }
        Ok(())
    }
}
