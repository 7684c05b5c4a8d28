import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import { BrowserRouter } from 'react-router-dom';
import { AuthProvider } from './auth/AuthProvider.js';
import { useIsMobile, useReducedMotion } from './components/media.js';
import { ANTD_LOCALES } from './i18n/antdLocales.js';
import { I18nProvider, useI18n } from './i18n/I18nProvider.js';
import { AppRoutes } from './routes.js';

const FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
  + '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif';

function theme(mobile: boolean, motion: boolean): ThemeConfig {
  return {
    token: {
      motion,
      colorPrimary: '#1d5bbf',
      borderRadius: 8,
      fontFamily: FONT,
      // 16 px on phones: readable at night, and inputs below 16 px make mobile browsers zoom in.
      fontSize: mobile ? 16 : 14,
    },
    components: {
      Layout: { headerBg: '#ffffff', siderBg: '#0f2a52', headerPadding: mobile ? '0 8px' : '0 24px' },
      Menu: { darkItemBg: '#0f2a52', darkSubMenuItemBg: '#0b2244', itemHeight: mobile ? 52 : 44 },
      Table: { cellPaddingBlock: mobile ? 12 : 10 },
    },
  };
}

function Themed() {
  const { locale } = useI18n();
  const mobile = useIsMobile();
  const reducedMotion = useReducedMotion();
  return (
    <ConfigProvider
      locale={ANTD_LOCALES[locale]}
      theme={theme(mobile, !reducedMotion)}
      componentSize={mobile ? 'large' : 'middle'}
      // "导入" stays "导入": the same words in buttons as in menus and messages.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
