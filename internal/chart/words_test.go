package chart

import "strings"

// DefaultStrings are the words the site's layouts/i18n give charts in
// Chinese and English, for tests that do not set their own.
func DefaultStrings(lang string) Strings {
	if strings.HasPrefix(lang, "zh") {
		return Strings{DataTable: "数据表", Item: "项目", Value: "数值", Share: "占比", Total: "合计", Other: "其他", DownloadCSV: "下载数据（CSV）", NoData: "无数据"}
	}
	return Strings{DataTable: "Data table", Item: "Item", Value: "Value", Share: "Share", Total: "Total", Other: "Other", DownloadCSV: "Download the data (CSV)", NoData: "no data"}
}

// withWords fills each empty field of c.Strings from DefaultStrings(c.Lang).
func withWords(c Chart) Chart {
	d := DefaultStrings(c.Lang)
	for _, f := range []struct {
		dst *string
		def string
	}{
		{&c.Strings.DataTable, d.DataTable}, {&c.Strings.Item, d.Item}, {&c.Strings.Value, d.Value},
		{&c.Strings.Share, d.Share}, {&c.Strings.Total, d.Total}, {&c.Strings.Other, d.Other},
		{&c.Strings.DownloadCSV, d.DownloadCSV}, {&c.Strings.NoData, d.NoData},
	} {
		if cleanText(*f.dst) == "" {
			*f.dst = f.def
		}
	}
	return c
}
