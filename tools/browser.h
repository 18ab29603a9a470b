// Printing an HTML page to PDF with a headless browser, as a child process.
#pragma once

#include <string>
#include <string_view>

namespace paperflow::cli {

/// The browsers tried, in order, by their names on PATH.
inline constexpr const char* pdf_browsers[] = {"chromium-headless-shell", "chromium", "google-chrome",
                                               "google-chrome-stable"};

/// Prints `html` to the PDF file `path` (A4, as the page's print styles
/// say; "-": standard output) with the first browser of pdf_browsers found
/// on PATH, with every network name unresolvable. The PDF is printed into a
/// directory of its own, then written with write_output, so a failed run
/// leaves no half file. Throws FatalError when no browser is found or it
/// fails.
void print_to_pdf(std::string_view html, const std::string& path);

/// Whether one of pdf_browsers is on PATH.
bool pdf_browser_available();

}  // namespace paperflow::cli
