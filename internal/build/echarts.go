package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// EChartsVersion is the release of ECharts that go-echarts' options are made
// for and package.json pins.
const EChartsVersion = "5.6"

// echartsFile is where npm installs the browser build of ECharts.
var echartsFile = filepath.Join("node_modules", "echarts", "dist", "echarts.min.js")

// ErrNoECharts means no ECharts file was found: the site is built with tables
// in place of charts.
var ErrNoECharts = errors.New("未找到 ECharts（node_modules/echarts/dist/echarts.min.js），本次生成的网站只有表格、没有图表；请在 gongkai 源码目录或站点目录运行 npm ci 安装")

// ECharts is the browser file of ECharts, as installed by npm.
type ECharts struct {
	Path    string
	Version string
	Data    []byte
}

// FindECharts looks for node_modules/echarts in each directory in turn.
func FindECharts(dirs ...string) (*ECharts, error) {
	for _, d := range dirs {
		p := filepath.Join(d, echartsFile)
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("读取 %s：%w", p, err)
		}
		e := &ECharts{Path: p, Data: data}
		if meta, err := os.ReadFile(filepath.Join(d, "node_modules", "echarts", "package.json")); err == nil {
			var pkg struct{ Version string }
			if json.Unmarshal(meta, &pkg) == nil {
				e.Version = pkg.Version
			}
		}
		return e, nil
	}
	return nil, ErrNoECharts
}

// warning says what is wrong with the version, or "".
func (e *ECharts) warning() string {
	if e.Version == EChartsVersion || strings.HasPrefix(e.Version, EChartsVersion+".") {
		return ""
	}
	return fmt.Sprintf("%s 的版本是 %q，图表选项按 ECharts %s.x 生成，可能显示不正确；请运行 npm ci 安装 package.json 锁定的版本", e.Path, e.Version, EChartsVersion)
}
