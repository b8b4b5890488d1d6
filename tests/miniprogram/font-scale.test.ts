import * as simulate from 'miniprogram-simulate';
import { fontScale, readFontScale } from '../../miniprogram/behaviors/font-scale';
import { appBaseInfo, installWx, resetWx, wxMock } from './support/wx';

/** jsdom's document (the root tsconfig has no DOM lib). */
declare const document: { createElement(tagName: string): never };

installWx();
beforeEach(() => resetWx());

function withInfo(info: Partial<typeof appBaseInfo>) {
  wxMock.getAppBaseInfo.mockReturnValue({ ...appBaseInfo, ...info });
}

describe('readFontScale', () => {
  it('uses fontSizeScaleFactor when WeChat gives it', () => {
    withInfo({ fontSizeScaleFactor: 1.5, fontSizeSetting: 17 });
    expect(readFontScale()).toBe(1.5);
  });

  it('falls back to fontSizeSetting / 16', () => {
    withInfo({ fontSizeScaleFactor: undefined, fontSizeSetting: 24 });
    expect(readFontScale()).toBe(1.5);
  });

  it('clamps to 1..2', () => {
    withInfo({ fontSizeScaleFactor: 0.8 });
    expect(readFontScale()).toBe(1);
    withInfo({ fontSizeScaleFactor: 3.1 });
    expect(readFontScale()).toBe(2);
  });

  it('is 1 when the API throws', () => {
    wxMock.getAppBaseInfo.mockImplementation(() => {
      throw new Error('not supported');
    });
    expect(readFontScale()).toBe(1);
  });
});

describe('fontScale behavior', () => {
  it('sets rootFontSize from the scale when attached', () => {
    withInfo({ fontSizeScaleFactor: 1.5 });
    const id = simulate.load({
      behaviors: [fontScale],
      template:
        '<page-meta root-font-size="{{rootFontSize}}px" /><view class="size">{{rootFontSize}}</view>',
    });
    const comp = simulate.render(id);
    comp.attach(document.createElement('parent-wrapper'));

    expect(comp.data.rootFontSize).toBe(24);
    expect(comp.querySelector('.size')?.dom?.textContent).toBe('24');
  });
});
