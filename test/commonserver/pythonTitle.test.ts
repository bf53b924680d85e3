import {
  camelCaseToContextKey,
  camelCaseToReadable,
  pythonTitle,
  snakeCaseToPascalCase,
} from '../../Packs/Base/Scripts/CommonServer/pythonTitle';

describe('Python title() port', () => {
  it.each([
    ['snake case', 'Snake Case'],
    ['@odata.etag', '@Odata.Etag'],
    ['x509cert', 'X509Cert'],
    ['MixedUP', 'Mixedup'],
    ["don't stop", "Don'T Stop"],
    ['ÉtéÇa', 'Étéça'],
    ['a1b2c3', 'A1B2C3'],
    ['', ''],
  ])('title-cases %j like Python as %j', (input, expected) => {
    expect(pythonTitle(input)).toBe(expected);
  });
});

describe('snake_case to PascalCase (upstream snakecase_to_camelcase)', () => {
  it.each([
    ['snake_case_snake_case', 'SnakeCaseSnakeCase'],
    ['original_start_time_zone', 'OriginalStartTimeZone'],
    ['subject', 'Subject'],
    ['__x__', 'X'],
  ])('turns %j into %j', (input, expected) => {
    expect(snakeCaseToPascalCase(input)).toBe(expected);
  });
});

describe('Graph key to readable and context keys (upstream camel_case_to_readable)', () => {
  it('maps id to ID exactly', () => {
    expect(camelCaseToReadable('id')).toBe('ID');
    expect(camelCaseToContextKey('id')).toBe('ID');
  });

  it('spaces camelCase words for the readable form: createdDateTime -> Created Date Time', () => {
    expect(camelCaseToReadable('createdDateTime')).toBe('Created Date Time');
    expect(camelCaseToContextKey('createdDateTime')).toBe('CreatedDateTime');
  });

  it.each([
    ['iCalUId', 'ICalUId'],
    ['seriesMasterId', 'SeriesMasterId'],
    ['onlineMeetingUrl', 'OnlineMeetingUrl'],
    ['@odata.etag', '@Odata.Etag'],
    ['@odata.context', '@Odata.Context'],
    ['@removed', '@Removed'],
    ['hexColor', 'HexColor'],
    ['isDefaultCalendar', 'IsDefaultCalendar'],
    ['ID', 'ID'],
    ['Id', 'Id'],
    ['iD', 'ID'],
    ['x509thing', 'X509Thing'],
    ['ABC', 'ABC'],
    ['already Spaced', 'AlreadySpaced'],
    ['tab\tkey', 'Tabkey'],
    ['a.b@c', 'A.B@C'],
  ])('gives the context key of %j as %j (same as Python)', (graphKey, contextKey) => {
    expect(camelCaseToContextKey(graphKey)).toBe(contextKey);
  });
});
