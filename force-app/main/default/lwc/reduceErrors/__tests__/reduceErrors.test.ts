import { reduceErrors } from 'c/reduceErrors';

describe('reduceErrors', () => {
  it.each([
    ['nothing', undefined, []],
    ['null', null, []],
    ['an empty string', '', []],
    ['a string', 'Boom', ['Boom']],
    ['a JavaScript Error', new Error('Network down'), ['Network down']],
    ['a UI API error body', { body: { message: 'Record not found' } }, ['Record not found']],
    [
      'a DML error with page and field errors',
      {
        body: {
          message: 'An error occurred',
          pageErrors: [{ message: 'Sent communications cannot be edited' }],
          fieldErrors: { Channel__c: [{ message: 'Bad value for restricted picklist field' }] }
        }
      },
      ['Sent communications cannot be edited', 'Bad value for restricted picklist field']
    ],
    [
      'a record-form output error',
      { body: { output: { errors: [], fieldErrors: { Name: [{ message: 'Required' }] } } } },
      ['Required']
    ],
    [
      'a UI API save error with a record-level validation message',
      {
        body: {
          message: 'An error occurred while trying to update the record. Please try again.',
          output: { errors: [{ message: 'Acknowledged communications need the time of acknowledgement' }] }
        }
      },
      ['Acknowledged communications need the time of acknowledgement']
    ],
    ['an array body', { body: [{ message: 'First' }, { message: 'Second' }] }, ['First', 'Second']],
    ['a fetch failure', { statusText: 'Service Unavailable' }, ['Service Unavailable']],
    ['an object with nothing readable', { body: {}, message: 42 }, []],
    ['duplicates once', ['Same', new Error('Same'), { body: { message: 'Same' } }], ['Same']]
  ])('reduces %s', (_label, input, expected) => {
    expect(reduceErrors(input)).toEqual(expected);
  });
});
