// Rendering DOT with Graphviz's `dot` as a child process.
#pragma once

#include <string>
#include <string_view>

namespace paperflow::cli {

/// Renders `dot_text` to `format` (svg, png, pdf) with `dot`, into `path`
/// atomically ("-" or empty: standard output). Graphviz's warnings go to
/// standard error. Throws FatalError when `dot` is missing or fails.
void render_with_graphviz(std::string_view dot_text, const std::string& format, const std::string& path);

/// The same rendered to a string: `dot -T<format>`'s output.
std::string graphviz_output(std::string_view dot_text, const std::string& format);

}  // namespace paperflow::cli
