//! Charts as inline SVG drawn on the server (no chart library in the browser): stacked bars by
//! month and status, horizontal bars by name, and a line over months. Used by the desk's
//! dashboard and speaker pages and by the HTML report. Every label is escaped by maud.

use crate::store::desk::Cell;
use maud::{Markup, html};

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 48.0;
/// Room for the month labels, turned.
const BOTTOM: f64 = 56.0;
const TOP: f64 = 10.0;
/// The most labels along the bottom of a chart.
const MAX_LABELS: usize = 16;
/// A segment of a stacked bar is at least this high, so that a small count beside a big one
/// stays visible (its exact value is in its tooltip).
const MIN_SEGMENT: f64 = 2.0;

/// The colour of a status (the same as the desk's badges, darker).
pub fn colour(status: &str) -> &'static str {
    match status {
        "true" => "#2e8b57",
        "mostly-true" => "#7cbf8e",
        "mixed" => "#e0b040",
        "misleading" => "#e08a2e",
        "mostly-false" => "#e07a6e",
        "false" => "#c0392b",
        "unverifiable" => "#8e7cc3",
        "dismissed" => "#9aa0a6",
        "in-review" => "#5b8fd1",
        "unverified" => "#c4ccd4",
        _ => "#607080",
    }
}

/// One segment of a stacked bar: its top, its height and its cell.
type Segment<'a> = (f64, f64, &'a Cell);
/// One stacked bar: its label, its left edge and its segments from the bottom up.
type Bar<'a> = (&'a String, f64, Vec<Segment<'a>>);

/// The distinct values of a cell column, in first-seen order.
fn distinct(cells: &[Cell], column: impl Fn(&Cell) -> &String) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in cells {
        if !out.contains(column(c)) {
            out.push(column(c).clone());
        }
    }
    out
}

/// The cells of one label with the sum of the cells before each (where its segment starts).
fn stacked<'a>(cells: &'a [Cell], label: &str) -> Vec<(i64, &'a Cell)> {
    let mut base = 0;
    cells
        .iter()
        .filter(|c| c.0 == label)
        .map(|c| {
            base += c.2;
            (base - c.2, c)
        })
        .collect()
}

/// A round number at or above `max` for the value axis.
fn axis_top(max: i64) -> i64 {
    let max = max.max(1);
    let step = 10i64.pow((max as f64).log10().floor() as u32);
    (max + step - 1) / step * step
}

/// The values of the value axis's ticks: 0, a round step, …, `top` (at most six).
fn ticks(top: i64) -> Vec<i64> {
    let top = top.max(1);
    let step = [1, 2, 5, 10, 20, 25, 50]
        .iter()
        .flat_map(|m| (0..12).map(move |e| m * 10i64.pow(e)))
        .filter(|s| top / s <= 5)
        .min()
        .unwrap_or(top);
    (0..=top / step).map(|i| i * step).collect()
}

/// The value axis: a line with ticks and labels and faint grid lines across the plot.
fn value_axis(top: i64, y_of: &dyn Fn(i64) -> f64) -> Markup {
    html! {
        line x1=(LEFT) y1=(TOP) x2=(LEFT) y2=(y_of(0)) stroke="#999" {}
        @for t in ticks(top) {
            line x1=(LEFT - 4.0) y1=(y_of(t)) x2=(WIDTH - 5.0) y2=(y_of(t)) stroke=(if t == 0 { "#999" } else { "#e3e6ea" }) {}
            text x=(LEFT - 6.0) y=(y_of(t) + 4.0) text-anchor="end" { (tick_label(t)) }
        }
    }
}

/// A tick's value short enough for the axis's margin: `800k`, `1.2M` (a million claims drawn
/// in full lost its first digit to the edge of the chart).
fn tick_label(value: i64) -> String {
    let short = |n: f64, unit: &str| {
        let text = format!("{n:.1}");
        format!("{}{unit}", text.trim_end_matches('0').trim_end_matches('.'))
    };
    match value.abs() {
        1_000_000.. => short(value as f64 / 1e6, "M"),
        10_000.. => short(value as f64 / 1e3, "k"),
        _ => value.to_string(),
    }
}

/// Which of `n` labels along the bottom are written: at most [`MAX_LABELS`], evenly, always
/// the last one (the newest month).
fn labelled(i: usize, n: usize) -> bool {
    let every = n.div_ceil(MAX_LABELS).max(1);
    (n - 1 - i).is_multiple_of(every)
}

/// A label along the bottom, turned so that neighbours never overlap.
fn bottom_label(x: f64, label: &str) -> Markup {
    let y = HEIGHT - BOTTOM + 10.0;
    html! {
        text x=(x) y=(y) text-anchor="end" transform={ "rotate(-40 " (x) " " (y) ")" } { (label) }
    }
}

fn empty(caption: &str) -> Markup {
    html! { figure.chart { figcaption { (caption) } p.muted { "Nothing to show yet." } } }
}

fn legend(categories: &[String]) -> Markup {
    html! {
        g class="legend" {
            @for (i, c) in categories.iter().enumerate() {
                rect x=(LEFT + (i % 5) as f64 * 100.0) y=(HEIGHT + 2.0 + (i / 5) as f64 * 14.0) width="10" height="10" fill=(colour(c)) {}
                text x=(LEFT + 14.0 + (i % 5) as f64 * 100.0) y=(HEIGHT + 11.0 + (i / 5) as f64 * 14.0) { (c) }
            }
        }
    }
}

/// Stacked vertical bars: one bar per label (month), one segment per category (status).
pub fn stacked_bars(caption: &str, cells: &[Cell]) -> Markup {
    if cells.is_empty() {
        return empty(caption);
    }
    let labels = distinct(cells, |c| &c.0);
    let categories = distinct(cells, |c| &c.1);
    let totals: Vec<i64> = labels
        .iter()
        .map(|l| cells.iter().filter(|c| &c.0 == l).map(|c| c.2).sum())
        .collect();
    let top = axis_top(totals.iter().copied().max().unwrap_or(1));
    let plot_h = HEIGHT - BOTTOM - TOP;
    let slot = (WIDTH - LEFT - 10.0) / labels.len() as f64;
    let bar = (slot * 0.7).max(1.0);
    let y_of = |v: i64| TOP + plot_h - plot_h * v as f64 / top as f64;
    // Each bar's segments from the bottom up: (y, height, cell).
    let bars: Vec<Bar> = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let mut bottom = y_of(0);
            let segments = stacked(cells, label)
                .into_iter()
                .map(|(_, c)| {
                    let least = if c.2 > 0 { MIN_SEGMENT } else { 0.0 };
                    let h = (plot_h * c.2 as f64 / top as f64).max(least);
                    bottom -= h;
                    (bottom, h, c)
                })
                .collect();
            (label, LEFT + i as f64 * slot + (slot - bar) / 2.0, segments)
        })
        .collect();
    let rows = 1 + (categories.len().saturating_sub(1)) / 5;
    let full = HEIGHT + 8.0 + rows as f64 * 14.0;
    html! {
        figure.chart {
            figcaption { (caption) }
            svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label=(caption)
                viewBox={ "0 0 " (WIDTH) " " (full) } width=(WIDTH) height=(full) {
                (value_axis(top, &y_of))
                @for (i, (label, x, segments)) in bars.iter().enumerate() {
                    @for (y, h, c) in segments {
                        rect x=(x) y=(y) width=(bar) height=(h) fill=(colour(&c.1)) {
                            title { (label) " · " (c.1) ": " (c.2) }
                        }
                    }
                    @if labelled(i, labels.len()) {
                        (bottom_label(x + bar / 2.0, label))
                    }
                }
                (legend(&categories))
            }
        }
    }
}

/// Horizontal stacked bars: one row per name, one segment per category.
pub fn name_bars(caption: &str, cells: &[Cell]) -> Markup {
    if cells.is_empty() {
        return empty(caption);
    }
    let names = distinct(cells, |c| &c.0);
    let categories = distinct(cells, |c| &c.1);
    let max: i64 = names
        .iter()
        .map(|n| cells.iter().filter(|c| &c.0 == n).map(|c| c.2).sum())
        .max()
        .unwrap_or(1);
    let label_w = 170.0;
    let row_h = 18.0;
    let plot_w = WIDTH - label_w - 40.0;
    let height = TOP + names.len() as f64 * row_h + 8.0;
    let rows = 1 + (categories.len().saturating_sub(1)) / 5;
    html! {
        figure.chart {
            figcaption { (caption) }
            svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label=(caption)
                viewBox={ "0 0 " (WIDTH) " " (height + 8.0 + rows as f64 * 14.0) } width=(WIDTH) height=(height + 8.0 + rows as f64 * 14.0) {
                @for (i, name) in names.iter().enumerate() {
                    @let y = TOP + i as f64 * row_h;
                    text x=(label_w - 6.0) y=(y + 12.0) text-anchor="end" { (shorten(name, 26)) }
                    @for (base, c) in stacked(cells, name) {
                        rect x=(label_w + plot_w * base as f64 / max as f64) y=(y + 2.0)
                            width=(plot_w * c.2 as f64 / max as f64) height=(row_h - 5.0) fill=(colour(&c.1)) {
                            title { (name) " · " (c.1) ": " (c.2) }
                        }
                    }
                    @let total: i64 = cells.iter().filter(|c| &c.0 == name).map(|c| c.2).sum();
                    text x=(label_w + plot_w * total as f64 / max as f64 + 4.0) y=(y + 12.0) { (total) }
                }
                g transform={ "translate(0," (height + 6.0 - HEIGHT) ")" } { (legend(&categories)) }
            }
        }
    }
}

/// A line over labelled points (months).
pub fn line(caption: &str, points: &[(String, i64)]) -> Markup {
    if points.is_empty() {
        return empty(caption);
    }
    let top = axis_top(points.iter().map(|p| p.1).max().unwrap_or(1));
    let plot_h = HEIGHT - BOTTOM - TOP;
    let step = (WIDTH - LEFT - 20.0) / (points.len().max(2) - 1) as f64;
    let xy = |i: usize, v: i64| {
        (
            LEFT + 5.0 + i as f64 * step,
            TOP + plot_h - plot_h * v.max(0) as f64 / top as f64,
        )
    };
    let path: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (x, y) = xy(i, p.1);
            format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" })
        })
        .collect();
    html! {
        figure.chart {
            figcaption { (caption) }
            svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label=(caption)
                viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } width=(WIDTH) height=(HEIGHT) {
                (value_axis(top, &|v| xy(0, v).1))
                path d=(path.join(" ")) fill="none" stroke="#0b57a4" stroke-width="2" {}
                @for (i, p) in points.iter().enumerate() {
                    @let (x, y) = xy(i, p.1);
                    circle cx=(x) cy=(y) r="3" fill="#0b57a4" { title { (p.0) ": " (p.1) } }
                    @if labelled(i, points.len()) {
                        (bottom_label(x, &p.0))
                    }
                }
            }
        }
    }
}

/// Cuts a label to `n` characters with an ellipsis.
fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n - 1).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(a: &str, b: &str, n: i64) -> Cell {
        (a.into(), b.into(), n)
    }

    #[test]
    fn bars_are_drawn_and_labels_escaped() {
        let cells = vec![
            cell("2024-01", "false", 3),
            cell("2024-01", "true", 1),
            cell("2024-02", "false", 2),
        ];
        let svg = stacked_bars("Verdicts", &cells).into_string();
        assert_eq!(
            svg.matches("<rect").count(),
            3 + 2,
            "three segments, two legend keys"
        );
        let names =
            name_bars("Top", &[cell("<script>alert(1)</script>", "false", 2)]).into_string();
        assert!(!names.contains("<script>"), "{names}");
        assert!(names.contains("&lt;script&gt;"), "{names}");
        let line = line("Queue", &[("2024-01".into(), 4), ("2024-02".into(), 2)]).into_string();
        assert!(line.contains("<path d=\"M"), "{line}");
        assert!(
            stacked_bars("None", &[])
                .into_string()
                .contains("Nothing to show")
        );
    }

    #[test]
    fn month_labels_are_thinned_and_turned_and_the_axis_has_ticks() {
        let cells: Vec<Cell> = (0..111)
            .map(|i| {
                cell(
                    &format!("{}-{:02}", 1990 + i / 12, i % 12 + 1),
                    "false",
                    i as i64 + 1,
                )
            })
            .collect();
        let svg = stacked_bars("Months", &cells).into_string();
        let labels = svg.matches("rotate(-40").count();
        assert!((2..=MAX_LABELS).contains(&labels), "{labels} labels");
        assert!(
            svg.contains(">1999-03</text>"),
            "the newest month is labelled"
        );
        assert_eq!(ticks(111 + 89), vec![0, 50, 100, 150, 200]);
        assert!(svg.contains(">150</text>"), "ticks between 0 and the top");
        assert!(!svg.contains("width=\"100%\""), "charts keep one size");
    }

    #[test]
    fn a_small_count_beside_a_big_one_stays_visible() {
        let svg = stacked_bars(
            "Mix",
            &[
                cell("2024-01", "unverified", 867),
                cell("2024-01", "false", 1),
            ],
        )
        .into_string();
        let heights: Vec<f64> = svg
            .split("<rect ")
            .skip(1)
            .filter(|r| r.contains("<title>"))
            .map(|r| {
                let h = r.split("height=\"").nth(1).unwrap();
                h[..h.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        assert!(heights.iter().all(|h| *h >= MIN_SEGMENT), "{heights:?}");
    }

    #[test]
    fn axis_labels_of_a_million_claims_fit_the_margin() {
        assert_eq!(tick_label(0), "0");
        assert_eq!(tick_label(5000), "5000");
        assert_eq!(tick_label(20_000), "20k");
        assert_eq!(tick_label(800_000), "800k");
        assert_eq!(tick_label(1_000_000), "1M");
        assert_eq!(tick_label(1_200_000), "1.2M");
        let svg = line(
            "Queue",
            &[("2024-11".into(), 990_000), ("2024-12".into(), 1_000_000)],
        )
        .into_string();
        assert!(svg.contains(">1M</text>"), "{svg}");
        assert!(!svg.contains(">1000000</text>"), "{svg}");
    }

    #[test]
    fn the_axis_ends_on_a_round_number() {
        assert_eq!(axis_top(0), 1);
        assert_eq!(axis_top(7), 7);
        assert_eq!(axis_top(23), 30);
        assert_eq!(axis_top(100), 100);
        assert_eq!(axis_top(101), 200);
    }
}
