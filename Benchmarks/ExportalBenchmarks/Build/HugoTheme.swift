/// A minimal Hugo theme for `make bench-build`, written for it: a base page with a header and a
/// navigation bar, a single page and a list page. What a small real theme does per page (a title,
/// a date, the rendered body, links between pages), and nothing that would favour either tool.
enum HugoTheme {
    static var files: ContentTree {
        var tree = ContentTree()
        tree.files["themes/bench/layouts/_default/baseof.html"] = """
        <!doctype html>
        <html lang="{{ .Site.LanguageCode }}">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
          {{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
        </head>
        <body>
          <header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
          <nav><a href="{{ "guidance/" | relURL }}">Guidance</a> · <a href="{{ "tags/" | relURL }}">Tags</a></nav>
          <main>{{ block "main" . }}{{ end }}</main>
        </body>
        </html>

        """
        tree.files["themes/bench/layouts/_default/single.html"] = """
        {{ define "main" }}
        <article>
          <h1>{{ .Title }}</h1>
          <p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
          {{ range .Params.tags }} <a href="{{ printf "tags/%s/" (urlize .) | relURL }}">{{ . }}</a>{{ end }}</p>
          {{ .Content }}
        </article>
        {{ end }}

        """
        tree.files["themes/bench/layouts/_default/list.html"] = """
        {{ define "main" }}
        <h1>{{ .Title }}</h1>
        <ul>
          {{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }}: {{ . }}{{ end }}</li>
          {{ end }}
        </ul>
        {{ end }}

        """
        return tree
    }
}
