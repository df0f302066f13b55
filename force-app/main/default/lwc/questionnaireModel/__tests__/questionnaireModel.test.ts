import { QuestionnaireError } from 'c/questionnaireModel';

describe('QuestionnaireError', () => {
  it.each([
    ['no location', {}, 'Bad file'],
    ['a file', { file: 'caiq.xlsx' }, 'caiq.xlsx: Bad file'],
    ['a row', { row: 7 }, 'row 7: Bad file'],
    ['a column', { column: 'C' }, 'column C: Bad file'],
    [
      'a file, row and column',
      { file: 'sig.csv', row: 12, column: 'AB' },
      'sig.csv, row 12, column AB: Bad file'
    ],
    [
      'a file, line and column',
      { file: 'webapp.json', line: 3, column: '17' },
      'webapp.json, line 3, column 17: Bad file'
    ],
    ['row 0 is still a row', { row: 0 }, 'row 0: Bad file']
  ])('formats %s', (_label, location, expected) => {
    const error = new QuestionnaireError('Bad file', location);
    expect(error.message).toBe(expected);
  });

  it('keeps the location as typed fields and is an Error named QuestionnaireError', () => {
    const error = new QuestionnaireError('unterminated quoted field', { file: 'a.csv', row: 4, column: 'B' });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(QuestionnaireError);
    expect(error.name).toBe('QuestionnaireError');
    expect(error).toMatchObject({ file: 'a.csv', row: 4, column: 'B', line: undefined });
  });

  it('defaults to no location', () => {
    const error = new QuestionnaireError('empty');
    expect(error.message).toBe('empty');
    expect(error.file).toBeUndefined();
    expect(error.row).toBeUndefined();
    expect(error.column).toBeUndefined();
  });
});
