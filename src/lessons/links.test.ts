import { describe, expect, it } from 'vitest';
import { lessonHash, parseEmbedParams, parseLang, parseLessonHash, parseOrigins } from './links';

describe('deep links', () => {
  it('parses #/lesson/<id>/<step> with 1-based steps', () => {
    expect(parseLessonHash('#/lesson/deployments/3')).toEqual({ lesson: 'deployments', step: 3 });
    expect(parseLessonHash('#/lesson/pods')).toEqual({ lesson: 'pods', step: 1 });
    expect(parseLessonHash('#/lesson/pods/0')).toEqual({ lesson: 'pods', step: 1 });
    expect(parseLessonHash('#/lesson/Pods/1')).toBeNull();
    expect(parseLessonHash('#/graph')).toBeNull();
    expect(lessonHash({ lesson: 'pods', step: 2 })).toBe('#/lesson/pods/2');
  });

  it('reads ?lang=ja|en only', () => {
    expect(parseLang('?lang=ja')).toBe('ja');
    expect(parseLang('?x=1&lang=en')).toBe('en');
    expect(parseLang('?lang=fr')).toBeNull();
    expect(parseLang('')).toBeNull();
  });
});

describe('embed parameters', () => {
  it('reads lesson, step, lang and the origins allow-list', () => {
    expect(
      parseEmbedParams(
        '?lesson=services&step=2&lang=ja&origins=https://a.example,https://b.example:8443/path',
      ),
    ).toEqual({
      lesson: 'services',
      step: 2,
      lang: 'ja',
      origins: ['https://a.example', 'https://b.example:8443'],
    });
    expect(parseEmbedParams('?lesson=pods&step=abc')).toEqual({
      lesson: 'pods',
      step: 1,
      lang: null,
      origins: [],
    });
  });

  it('never lets a malformed entry widen the allow-list', () => {
    expect(
      parseOrigins(
        '*, javascript:alert(1), file:///etc, data:text/html,x, https://ok.example, https://ok.example/',
      ),
    ).toEqual(['https://ok.example']);
    expect(parseOrigins('')).toEqual([]);
  });
});
